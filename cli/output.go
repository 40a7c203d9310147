package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"phoneaudit/store"
	"phoneaudit/tabular"
)

// column is one column of a list: its key (the CSV header and JSON key, always English) and its
// header in text output, per language.
type column struct {
	key     string
	zh, en  string
	numeric bool // JSON writes it as a number; text aligns it right
}

// cell is one value of a list: value goes to CSV, JSON and Excel; text, when set, is how the
// text format shows it in the chosen language (是 for yes, 红牌 for red …).
type cell struct{ value, text string }

func plain(v string) cell { return cell{value: v} }

func num(n int) cell { return cell{value: strconv.Itoa(n)} }

// listing is what a list command prints.
type listing struct {
	cols  []column
	rows  [][]cell
	title string   // text format only: a line above the table
	empty string   // text format only: said instead of a table without rows
	notes []string // text format only: lines below the table
}

// listUse is the usage line of the list commands.
const listUse = "list [--format text|csv|json] [-o FILE]"

// listOptions are --format and -o of a list command.
type listOptions struct {
	format *choice
	out    string
}

// text tells whether the list goes to standard output as text, where a listing's title, empty
// and notes are shown.
func (o *listOptions) text() bool { return o.out == "" && o.format.value == "text" }

// listRows reads what a list command prints. o is there for what only the text format shows.
type listRows func(ctx context.Context, s *store.Store, args []string, o *listOptions) (listing, error)

// listCommand makes cmd (its usage, help, arguments and options of its own) a list: it reads the
// database with rows and prints the listing as --format says, or writes it to the file of -o.
func (a *app) listCommand(cmd *cobra.Command, rows listRows) *cobra.Command {
	o := a.addListOptions(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
			l, err := rows(ctx, s, args, o)
			if err != nil {
				return err
			}
			return a.write(l, o)
		})
	}
	return cmd
}

// addListOptions registers --format and -o on cmd, and checks them before the command runs,
// then runs the checks cmd has of its own (its PreRunE).
func (a *app) addListOptions(cmd *cobra.Command) *listOptions {
	o := &listOptions{format: a.newChoice("text", "text", "csv", "json")}
	cmd.Flags().Var(o.format, "format", "csv and json keep the English column names")
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "write to `FILE`: .csv (with a BOM for Excel), .xlsx or .json")
	own := cmd.PreRunE
	cmd.PreRunE = func(cmd *cobra.Command, args []string) error {
		if err := a.checkListOptions(cmd, o); err != nil || own == nil {
			return err
		}
		return own(cmd, args)
	}
	return o
}

// outFormats are the formats -o writes, by extension.
var outFormats = map[string]string{".csv": "csv", ".xlsx": "xlsx", ".json": "json"}

// checkListOptions refuses an -o file of another kind, or one that --format contradicts.
func (a *app) checkListOptions(cmd *cobra.Command, o *listOptions) error {
	if o.out == "" {
		return nil
	}
	want := outFormats[strings.ToLower(filepath.Ext(o.out))]
	if want == "" {
		return a.usagef("-o %s：只能写 .csv、.xlsx 或 .json 文件", "-o %s: only .csv, .xlsx or .json files can be written", o.out)
	}
	if cmd.Flags().Changed("format") && o.format.value != want {
		return a.usagef("--format %s 与文件 %s 不符：-o 按扩展名决定格式", "--format %s does not match the file %s: -o takes the format from the extension",
			o.format.value, o.out)
	}
	return nil
}

// write prints the listing to standard output, or writes it to the file of -o.
func (a *app) write(l listing, o *listOptions) error {
	if o.out == "" {
		switch o.format.value {
		case "csv":
			return tabular.WriteCSV(a.stdout, l.header(), l.values(), false)
		case "json":
			return writeJSON(a.stdout, l)
		default:
			return a.writeText(a.stdout, l)
		}
	}
	var err error
	if outFormats[strings.ToLower(filepath.Ext(o.out))] == "json" {
		var buf bytes.Buffer
		if err = writeJSON(&buf, l); err == nil {
			err = tabular.WriteBytes(o.out, buf.Bytes())
		}
	} else {
		err = tabular.WriteFileTyped(o.out, l.header(), l.values(), l.numeric())
	}
	if err != nil {
		return err
	}
	a.sayn(len(l.rows), "已写入 %s（%d 行）", "wrote %s (%d row)", "wrote %s (%d rows)", o.out, len(l.rows))
	return nil
}

func (l listing) header() []string {
	h := make([]string, len(l.cols))
	for i, c := range l.cols {
		h[i] = c.key
	}
	return h
}

func (l listing) numeric() []bool {
	n := make([]bool, len(l.cols))
	for i, c := range l.cols {
		n[i] = c.numeric
	}
	return n
}

func (l listing) values() [][]string {
	out := make([][]string, len(l.rows))
	for i, row := range l.rows {
		out[i] = make([]string, len(row))
		for j, c := range row {
			out[i][j] = c.value
		}
	}
	return out
}

// writeText writes aligned columns. Widths are display widths: a Chinese character takes two
// cells of the terminal, so padding by bytes or runes would break the columns.
func (a *app) writeText(w io.Writer, l listing) error {
	var b strings.Builder
	if len(l.rows) == 0 && l.empty != "" {
		_, err := io.WriteString(w, l.empty+"\n")
		return err
	}
	if l.title != "" {
		b.WriteString(l.title + "\n")
	}
	lines := make([][]string, 0, len(l.rows)+1)
	head := make([]string, len(l.cols))
	for i, c := range l.cols {
		head[i] = a.tr(c.zh, c.en)
	}
	lines = append(lines, head)
	for _, row := range l.rows {
		line := make([]string, len(row))
		for i, c := range row {
			line[i] = c.text
			if line[i] == "" {
				line[i] = c.value
			}
		}
		lines = append(lines, line)
	}
	widths := make([]int, len(l.cols))
	for _, line := range lines {
		for i, s := range line {
			widths[i] = max(widths[i], ansi.StringWidth(s))
		}
	}
	for _, line := range lines {
		var row strings.Builder
		for i, s := range line {
			pad := strings.Repeat(" ", widths[i]-ansi.StringWidth(s))
			if i > 0 {
				row.WriteString("  ")
			}
			if l.cols[i].numeric {
				row.WriteString(pad + s)
			} else {
				row.WriteString(s + pad)
			}
		}
		b.WriteString(strings.TrimRight(row.String(), " ") + "\n")
	}
	for _, note := range l.notes {
		b.WriteString(note + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonRow is one object of the JSON array, its keys in column order (a map would sort them).
type jsonRow struct {
	cols  []column
	cells []cell
}

func (r jsonRow) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range r.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, c.key)
		b.WriteByte(':')
		v := r.cells[i].value
		switch {
		case c.numeric && v == "":
			b.WriteString("null")
		case c.numeric && isNumber(v):
			b.WriteString(v)
		default:
			writeJSONString(&b, v)
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeJSONString writes s as a JSON string, leaving < > & as they are (json.Marshal would
// escape them for HTML, which a clerk's office name never is).
func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)           // a string always encodes
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && json.Valid([]byte(s))
}

// writeJSON writes an array of objects keyed by the CSV column names; numbers as numbers.
func writeJSON(w io.Writer, l listing) error {
	rows := make([]jsonRow, len(l.rows))
	for i, r := range l.rows {
		rows[i] = jsonRow{cols: l.cols, cells: r}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

// choice is an option that takes one of a few words; anything else is a usage error.
type choice struct {
	value   string
	allowed []string
	a       *app
}

func (a *app) newChoice(def string, allowed ...string) *choice {
	return &choice{value: def, allowed: allowed, a: a}
}

func (c *choice) String() string { return c.value }
func (c *choice) Type() string   { return strings.Join(c.allowed, "|") }

func (c *choice) Set(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	if slices.Contains(c.allowed, s) {
		c.value = s
		return nil
	}
	return c.a.errf("只能是 %s", "use %s", strings.Join(c.allowed, ", "))
}
