package scoring

import (
	"cmp"

	"phoneaudit/lang"
)

// MaxValue is the highest value a criterion takes: 1 for yes/no, 2 for
// yes/partly/no, Max for a scale. Seconds have no top: -1.
func (c Criterion) MaxValue() int {
	switch c.Kind {
	case YesNo:
		return 1
	case YesPartlyNo:
		return Yes
	case Scale:
		return c.Max
	default:
		return -1
	}
}

// YesValue is the value that means "yes": 1 for yes/no, 2 for yes/partly/no.
// For other kinds it is MaxValue.
func (c Criterion) YesValue() int {
	return c.MaxValue()
}

// ValidValue says whether v is an answer this criterion can take.
func (c Criterion) ValidValue(v int) bool {
	switch c.Kind {
	case YesNo, YesPartlyNo, Scale:
		return v >= 0 && v <= c.MaxValue()
	case Seconds:
		return v >= 0
	default:
		return false
	}
}

// PointsFor is what answer v earns: a scale earns v/max of the points, partly
// earns half, seconds earn full or half points by the thresholds. An invalid
// value earns nothing.
func (c Criterion) PointsFor(v int) float64 {
	if !c.ValidValue(v) {
		return 0
	}
	switch c.Kind {
	case Seconds:
		switch {
		case v <= c.FullWithin:
			return c.Points
		case v <= c.HalfWithin:
			return c.Points / 2
		default:
			return 0
		}
	default:
		top := c.MaxValue()
		if top <= 0 {
			return 0
		}
		// Multiply first: 4×25/5 is exactly 20, 4/5×25 is not.
		return float64(v) * c.Points / float64(top)
	}
}

// Fails says whether answer v fails a critical criterion, which makes the
// call a problem whatever its total. Seconds never fail: a slow answer only
// costs points.
func (c Criterion) Fails(v int) bool {
	return c.Critical && c.Kind != Seconds && c.ValidValue(v) && v <= c.FailAt
}

// Label names the criterion in language l, falling back to the other
// language and then to the key.
func (c Criterion) Label(l lang.Lang) string {
	return pick(l, c.LabelZH, c.LabelEN, c.Key)
}

// reason is the problem a failure of this critical criterion names. Without
// reason words the label stands in, so a reason is never blank.
func (c Criterion) reason() Reason {
	return Reason{
		Type: c.Problem,
		Code: c.Key,
		ZH:   cmp.Or(c.ReasonZH, c.LabelZH, c.ReasonEN, c.LabelEN, c.Key),
		EN:   cmp.Or(c.ReasonEN, c.LabelEN, c.ReasonZH, c.LabelZH, c.Key),
	}
}

// pick chooses the text of language l, falling back to the other language
// and then to fallback.
func pick(l lang.Lang, zh, en, fallback string) string {
	return l.Pick(cmp.Or(zh, en, fallback), cmp.Or(en, zh, fallback))
}
