package tabular

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// isFormulaStart reports whether a spreadsheet would take a cell beginning with b as a formula.
func isFormulaStart(b byte) bool {
	return b == '=' || b == '+' || b == '-' || b == '@'
}

// GuardCell defuses a cell that a spreadsheet would run as a formula by putting a ' before it.
// A cell that already has quotes before a formula character gets one more, so that UnguardCell
// always gives back exactly what was guarded: UnguardCell(GuardCell(s)) == s for every s.
func GuardCell(s string) string {
	rest := strings.TrimLeft(s, "'")
	if rest != "" && isFormulaStart(rest[0]) {
		return "'" + s
	}
	return s
}

// UnguardCell undoes GuardCell: one leading ' is removed when only quotes stand between it and
// a formula character. Any other ' is the clerk's own and stays.
func UnguardCell(s string) string {
	if !strings.HasPrefix(s, "'") {
		return s
	}
	rest := strings.TrimLeft(s, "'")
	if rest != "" && isFormulaStart(rest[0]) {
		return s[1:]
	}
	return s
}

// isBlank reports whether r is white space or an invisible character that Excel and editors
// leave at the edges of cells (a stray BOM or zero-width space from copy and paste).
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

// trimCell trims spaces of both widths and invisible characters from the edges of a cell.
func trimCell(s string) string {
	return strings.TrimFunc(s, isBlank)
}

// NormalizeText trims a cell and turns full-width (ideographic) spaces inside it into
// ordinary ones, so that "市　教育局" and "市 教育局" compare equal after it.
func NormalizeText(s string) string {
	return strings.ReplaceAll(trimCell(s), "\u3000", " ")
}

// phoneDashes are the dash-like characters a Chinese input method types where an ASCII '-' is
// meant; width.Fold leaves them alone because they have no narrow form.
var phoneDashes = strings.NewReplacer(
	"\u2010", "-", // hyphen
	"\u2011", "-", // non-breaking hyphen
	"\u2012", "-", // figure dash
	"\u2013", "-", // en dash
	"\u2014", "-", // em dash (Chinese IMEs type it for shift-minus)
	"\u2015", "-", // horizontal bar
	"\u2212", "-", // minus sign
	"\uFE58", "-", // small em dash
	"\uFE63", "-", // small hyphen-minus
)

// NormalizePhone folds full-width digits and punctuation to ASCII (０３９１－３５００８１４ becomes
// 0391-3500814, （ ） ＋ become ( ) +), turns dash look-alikes into '-', and trims spaces.
func NormalizePhone(s string) string {
	return strings.TrimSpace(phoneDashes.Replace(width.Fold.String(trimCell(s))))
}

// headerKey is the form in which header cells and column names are compared: trimmed, without
// the ' an export adds or the * that templates use to mark required columns, full-width letters
// folded, English lower-cased.
func headerKey(s string) string {
	s = width.Fold.String(trimCell(s))
	s = strings.TrimLeft(s, "'")
	s = strings.Trim(s, "* \t")
	return strings.ToLower(trimCell(s))
}
