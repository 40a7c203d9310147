// Package lang is the language a person reads phoneaudit in: Chinese by default, English with
// --lang en or PHONEAUDIT_LANG=en, never from $LANG (Chinese offices often run en_US.UTF-8).
// Every package that words anything takes a Lang; the words themselves stay beside the screen
// or command that shows them.
package lang

import (
	"fmt"
	"strings"
)

// Lang is the language of the words shown.
type Lang string

const (
	ZH Lang = "zh" // Chinese, the default
	EN Lang = "en" // English
)

// Parse turns the value of --lang or PHONEAUDIT_LANG into a Lang. An empty value means Chinese.
func Parse(s string) (Lang, error) {
	switch Lang(strings.ToLower(strings.TrimSpace(s))) {
	case "", ZH:
		return ZH, nil
	case EN:
		return EN, nil
	}
	return ZH, fmt.Errorf("language %q is not available: use zh or en", s)
}

// Of is Parse for a value already checked, or a hint read before the options are: anything but
// en is Chinese.
func Of(s string) Lang {
	if strings.EqualFold(strings.TrimSpace(s), string(EN)) {
		return EN
	}
	return ZH
}

// Pick returns the text of this language.
func (l Lang) Pick(zh, en string) string {
	if l == EN {
		return en
	}
	return zh
}

// Pickf formats the text of this language.
func (l Lang) Pickf(zh, en string, args ...any) string {
	return fmt.Sprintf(l.Pick(zh, en), args...)
}

// Count words a number of things: zh and the English one and many are formats that take n
// ("%d 个单位", "%d office", "%d offices"), so English says "1 office" and "2 offices".
func (l Lang) Count(n int, zh, one, many string) string {
	return l.Countf(n, zh, one, many, n)
}

// Countf is Count for a text that says more than the number: n chooses the English form (one
// when n is 1, else many) and args fill it, n among them where the text shows it
// ("opened %s: its %d call", "opened %s: its %d calls", round, n).
func (l Lang) Countf(n int, zh, one, many string, args ...any) string {
	if l != EN {
		return fmt.Sprintf(zh, args...)
	}
	return fmt.Sprintf(English(n, one, many), args...)
}

// English chooses the English form for n things: one when n is 1, else many. For the
// English-only texts (log lines, errors for the log) and for a count inside a longer
// sentence: fmt.Sprintf(English(n, "%d call", "%d calls"), n).
func English(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Plural is an English count alone: Plural(1, "%d office", "%d offices") is "1 office".
func Plural(n int, one, many string) string {
	return fmt.Sprintf(English(n, one, many), n)
}

// Text is one piece of text in both languages, for tables of words (a persona's name, a
// problem type's).
type Text struct{ ZH, EN string }

// In returns the text in language l.
func (t Text) In(l Lang) string { return l.Pick(t.ZH, t.EN) }
