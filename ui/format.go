package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// formatPoints writes a score with at most one decimal (DESIGN: "halves
// allowed, shown with at most one decimal"): 20, 7.5, 92.5.
func formatPoints(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// formatClock is a time of day in the city: "14:05".
func formatClock(t time.Time, loc *time.Location) string {
	return t.In(orUTC(loc)).Format("15:04")
}

// formatSlot is a planned slot in the city: "11-24 09:40".
func formatSlot(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(orUTC(loc)).Format("01-02 15:04")
}

// formatWhen is a time of day, with the date when it is not today's (in
// the city): "14:32" or "11-30 08:30".
func formatWhen(t, now time.Time, loc *time.Location) string {
	loc = orUTC(loc)
	if t.In(loc).Format("2006-01-02") == now.In(loc).Format("2006-01-02") {
		return formatClock(t, loc)
	}
	return formatSlot(t, loc)
}

// formatTimer is a running time as mm:ss; past an hour the minutes go on
// counting (75:12), which reads better on a call than h:mm:ss.
func formatTimer(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// cell cuts s to width cells and pads it with spaces to exactly width.
func cell(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = ansi.Truncate(s, width, "…")
	if pad := width - lipgloss.Width(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// cellRight is cell with the text at the right end.
func cellRight(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = ansi.Truncate(s, width, "…")
	if pad := width - lipgloss.Width(s); pad > 0 {
		s = strings.Repeat(" ", pad) + s
	}
	return s
}

// joinCells puts the texts in their columns; a column of width 0 is left out.
func joinCells(texts []string, cols []int, width int) string {
	parts := make([]string, 0, len(texts))
	for i, t := range texts {
		if cols[i] > 0 {
			parts = append(parts, cell(t, cols[i]))
		}
	}
	return cell(strings.Join(parts, " "), width)
}

// spread puts left and right at the two ends of width cells; right wins
// when both do not fit.
func spread(left, right string, width int) string {
	rw := lipgloss.Width(right)
	if rw >= width {
		return ansi.Truncate(right, width, "…")
	}
	room := width - rw - 1
	left = ansi.Truncate(left, room, "…")
	return left + strings.Repeat(" ", width-lipgloss.Width(left)-rw) + right
}

// joinFit joins parts with sep, leaving out from the end the parts that
// would make the line wider than width.
func joinFit(parts []string, sep string, width int) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		next := p
		if out != "" {
			next = out + sep + p
		}
		if lipgloss.Width(next) > width {
			break
		}
		out = next
	}
	return out
}
