package scoring

import (
	"math"
	"strconv"
)

// FormatTotal writes a total with at most one decimal: 62.5, 80, 8.3. The export, the
// amendment lines and the store's own messages write totals so.
func FormatTotal(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}
