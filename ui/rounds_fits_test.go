package ui

import (
	"context"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// Every state of tabs 3 and 5 fits the terminal exactly at the sizes
// offices use, in both languages: reached with real keys on the demo city,
// then resized through the sizes.
func TestRoundsAndBulletinFit(t *testing.T) {
	withRound7 := func(ctx context.Context, st *store.Store) error {
		_, err := st.NewRound(ctx, "2026年第7轮", "", "")
		return err
	}
	close6 := func(ctx context.Context, st *store.Store) error {
		_, err := st.CloseRound(ctx, "6", true)
		return err
	}
	plan7 := func(ctx context.Context, st *store.Store) error {
		if err := close6(ctx, st); err != nil {
			return err
		}
		if err := withRound7(ctx, st); err != nil {
			return err
		}
		_, err := st.PlanRound(ctx, "7", store.PlanOptions{Seed: 7})
		return err
	}
	states := []struct {
		name string
		as   string
		prep func(context.Context, *store.Store) error
		keys []string
	}{
		{"rounds", leadName, nil, []string{"3"}},
		{"rounds detail", leadName, nil, []string{"3", "enter", "pgdown"}},
		{"rounds full help", leadName, nil, []string{"3", "?"}},
		{"rounds filter", leadName, nil, []string{"3", "/", "第"}},
		{"new round", leadName, nil, append([]string{"3", "n"}, typeText("2026年第7轮")...)},
		{"new round mistake", leadName, nil, []string{"3", "n", "enter"}},
		{"close question", leadName, nil, []string{"3", "c"}},
		{"closed", leadName, nil, []string{"3", "c", "y"}},
		{"plan question", leadName, withRound7, []string{"3", "G", "p"}},
		{"planned", leadName, withRound7, []string{"3", "G", "p", "y"}},
		{"reopen reason", leadName, close6, append([]string{"3", "o"}, typeText("补打")...)},
		{"auditor rounds", "杜瑞", nil, []string{"3"}},
		{"pick a call", leadName, plan7, []string{"3", "G", "enter", "down", "down"}},
		{"move form", leadName, plan7, []string{"3", "G", "enter", "m", "right", "tab", "x"}},
		{"moved", leadName, plan7, []string{"3", "G", "enter", "m", "right", "enter"}},
		{"move full help", leadName, plan7, []string{"3", "G", "enter", "?"}},
		{"bulletin", leadName, nil, []string{"5"}},
		{"bulletin markdown", leadName, nil, []string{"5", "m", "pgdown"}},
		{"bulletin written", leadName, nil, []string{"5", "w"}},
		{"publish question", leadName, nil, []string{"5", "P"}},
		{"published", leadName, nil, []string{"5", "P", "y"}},
		{"bulletin full help", leadName, nil, []string{"5", "?"}},
		{"auditor bulletin", "杜瑞", nil, []string{"5"}},
	}
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}, {40, 12}}
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, s := range states {
			t.Run(string(l)+"/"+s.name, func(t *testing.T) {
				t.Chdir(t.TempDir()) // w writes here
				st := demoStore(t)
				if s.prep != nil {
					if err := s.prep(context.Background(), st); err != nil {
						t.Fatal(err)
					}
				}
				m := press(t, start(t, opts(st, l, s.as, &clock{t: testNow}), sizes[0].w, sizes[0].h), s.keys...)
				for _, size := range sizes {
					m = update(t, m, tWindow(size.w, size.h))
					if !assertFitsSize(t, screen(m), size.w, size.h) {
						return
					}
				}
			})
		}
	}
}
