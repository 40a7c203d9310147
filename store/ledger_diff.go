package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"

	"phoneaudit/scoring"
)

// What verify finds, as the verify command words it: which record (RecordFacts), which field
// (its path in the record), what it was and what it is now.

// RecordFacts is what a ledger record says of itself, to name it by: its round, department and
// office, its rater, or for a registry change the entity and action. Empty when unknown.
type RecordFacts struct {
	RoundName, Department, Office, Rater, Entity, Action string
}

// recordFacts reads the facts of a record from its encoding (nil: none are known; a damaged
// record is named by its kind and id alone).
func recordFacts(record []byte) RecordFacts {
	var f struct {
		RoundName  string `json:"round_name"`
		Department string `json:"department"`
		Office     string `json:"office"`
		Rater      string `json:"rater"`
		Entity     string `json:"entity"`
		Action     string `json:"action"`
	}
	_ = json.Unmarshal(record, &f)
	return RecordFacts(f)
}

// criterionOf finds a criterion of the rubric of the record's round (the zero Criterion when it
// cannot).
func (v *verifier) criterionOf(ctx context.Context, record []byte, key string) scoring.Criterion {
	var f struct {
		Round int `json:"round"`
	}
	var version int
	if json.Unmarshal(record, &f) == nil &&
		v.q.QueryRowContext(ctx, "SELECT coalesce(rubric_version, 0) FROM rounds WHERE number = ?", f.Round).Scan(&version) == nil && version > 0 {
		if r, err := v.s.rubricVersion(ctx, v.q, version); err == nil {
			if c, ok := r.Criterion(key); ok {
				return c
			}
		}
	}
	return scoring.Criterion{}
}

// firstDifference compares two encodings of a record and finds the first field that differs,
// with its value in each (as text). same is true when they encode alike.
func firstDifference(was, now []byte) (path []string, a, b string, same bool) {
	if bytes.Equal(was, now) {
		return nil, "", "", true
	}
	var x, y any
	if decode(was, &x) != nil || decode(now, &y) != nil {
		return nil, clip(string(was)), clip(string(now)), false
	}
	path, a, b, same = diff(x, y, nil)
	if same { // equal values that encode apart (never for one encoder): report the whole record
		return nil, clip(string(was)), clip(string(now)), false
	}
	return path, a, b, false
}

func decode(b []byte, v *any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

func diff(x, y any, path []string) ([]string, string, string, bool) {
	switch xv := x.(type) {
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			break
		}
		keys := slices.AppendSeq(slices.Collect(maps.Keys(xv)), maps.Keys(yv))
		slices.Sort(keys)
		keys = slices.Compact(keys)
		for _, k := range keys {
			if p, a, b, same := diff(xv[k], yv[k], append(path, k)); !same {
				return p, a, b, false
			}
		}
		return nil, "", "", true
	case []any:
		yv, ok := y.([]any)
		if !ok {
			break
		}
		for i := 0; i < max(len(xv), len(yv)); i++ {
			var xe, ye any
			if i < len(xv) {
				xe = xv[i]
			}
			if i < len(yv) {
				ye = yv[i]
			}
			if p, a, b, same := diff(xe, ye, append(path, strconv.Itoa(i))); !same {
				return p, a, b, false
			}
		}
		return nil, "", "", true
	}
	a, b := show(x), show(y)
	if a == b && fmt.Sprintf("%T", x) == fmt.Sprintf("%T", y) {
		return nil, "", "", true
	}
	return slices.Clone(path), a, b, false
}

// show writes a value for a message: text as it is, nothing as "", others as JSON.
func show(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return clip(t)
	case json.Number:
		return t.String()
	case bool:
		if t {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return clip(string(b))
}

// clip keeps a value short enough for a one-line message.
func clip(s string) string {
	const most = 80
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	r := []rune(s)
	return string(r[:most]) + "…"
}
