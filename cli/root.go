package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"phoneaudit/demo"
	"phoneaudit/internal/version"
	"phoneaudit/lang"
	"phoneaudit/recording"
	"phoneaudit/store"
	"phoneaudit/ui"
)

// app is one run of the program: where it writes, the global options once resolved, and the
// language of its messages.
type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string

	// The global options as typed; resolve turns them into the fields below.
	optDB, optLang, optAs string

	lang   lang.Lang
	dbPath string
	actor  string // recorded with every change
}

// tr picks the text of the chosen language.
func (a *app) tr(zh, en string) string {
	return a.lang.Pick(zh, en)
}

// trf formats the text of the chosen language.
func (a *app) trf(zh, en string, args ...any) string {
	return a.lang.Pickf(zh, en, args...)
}

// trn formats the text of the chosen language for a count of n things: English says one when
// n is 1, many otherwise; args fill the text, n among them.
func (a *app) trn(n int, zh, one, many string, args ...any) string {
	return a.lang.Countf(n, zh, one, many, args...)
}

// sayn is say for a line that counts n things (trn).
func (a *app) sayn(n int, zh, one, many string, args ...any) {
	fmt.Fprintln(a.stdout, a.trn(n, zh, one, many, args...))
}

// errf makes an error in the chosen language.
func (a *app) errf(zh, en string, args ...any) error {
	return errors.New(a.trf(zh, en, args...))
}

// say writes one line for the user on standard output.
func (a *app) say(zh, en string, args ...any) {
	fmt.Fprintln(a.stdout, a.trf(zh, en, args...))
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "phoneaudit [--db PATH] [--lang zh|en] [--as NAME]",
		Short: "电话暗访测评 · undercover phone audits of a city's offices",
		Long: `电话暗访测评 · undercover phone audits of a city's offices.

Without a command it starts the screens (Chinese unless --lang en or PHONEAUDIT_LANG=en).
The database is --db PATH, else $PHONEAUDIT_DB, else ` + defaultPathHint() + `
($XDG_DATA_HOME/phoneaudit/phoneaudit.db where XDG_DATA_HOME is set; on Windows
%LOCALAPPDATA%\phoneaudit\phoneaudit.db, else ~/.local/share/phoneaudit/phoneaudit.db).
Only a missing file becomes a new database: an existing file that is empty or not a phoneaudit
database is refused and left as it is.
Changes are recorded as made by --as NAME, else the name you are logged in as.`,
		Example: `  phoneaudit                                  # the screens
  phoneaudit demo                             # try it with a demo city
  phoneaudit import offices 科室名单.xlsx     # start for real
  phoneaudit --db /data/phoneaudit.db --lang en flags`,
		Version:       version.Current().Release, // --version prints version.Line (below)
		Args:          a.noArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE:          a.runScreens,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.resolve(cmd)
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetVersionTemplate("{{versionLine}}\n")
	help := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if !c.HasParent() {
			fmt.Fprintf(c.OutOrStdout(), "%s\n\n", version.Line())
		}
		help(c, args)
	})
	root.SetUsageTemplate(usageTemplate)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err: err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.optDB, "db", "", "the database `PATH` (default $PHONEAUDIT_DB, else "+defaultPathHint()+")")
	pf.StringVar(&a.optLang, "lang", "", "screens and messages in `zh|en` (default $PHONEAUDIT_LANG, else zh)")
	pf.StringVar(&a.optAs, "as", "", "the `NAME` recorded with changes (default the name you are logged in as)")
	root.AddCommand(
		a.settingsCommand(), a.demoCommand(), a.importCommand(),
		a.officesCommand(), a.auditorsCommand(), a.scenariosCommand(),
		a.rubricCommand(), a.calendarCommand(), a.roundCommand(),
		a.flagsCommand(), a.exportCommand(), a.backupCommand(), a.recordingCommand(),
		a.amendCommand(), a.bulletinCommand(), a.noticesCommand(), a.serveCommand(), a.verifyCommand(),
	)
	finishHelp(root)
	return root
}

// The build's line heads --version and the program's --help. A template function, so it is
// made (SQLite asked its version) only when printed, not for every command.
func init() { cobra.AddTemplateFunc("versionLine", version.Line) }

// usageTemplate is cobra's, with the design's words: options, not flags.
const usageTemplate = `Usage:{{if and .Runnable (ne (index .Annotations "group") "yes")}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} COMMAND{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Commands:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Options:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global options:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

Run "{{.CommandPath}} COMMAND --help" for more about a command.{{end}}
`

// finishHelp sets what every command's help shares: the one-line summary (Chinese · English)
// heads the longer text, and the usage line is the Use written out (it names the options).
func finishHelp(c *cobra.Command) {
	c.DisableFlagsInUseLine = true
	if c.Long != "" && c.HasParent() {
		c.Long = c.Short + "\n\n" + c.Long
	}
	for _, sub := range c.Commands() {
		finishHelp(sub)
	}
}

func defaultPathHint() string {
	if p, err := store.DefaultPath(); err == nil {
		return p
	}
	return "$XDG_DATA_HOME/phoneaudit/phoneaudit.db"
}

// resolve fills in the global options from the command line, the environment and the system.
func (a *app) resolve(cmd *cobra.Command) error {
	value, source := a.optLang, "--lang"
	if !cmd.Flags().Changed("lang") {
		value, source = a.getenv("PHONEAUDIT_LANG"), "PHONEAUDIT_LANG"
	}
	l, err := lang.Parse(value)
	if err != nil {
		return &usageError{msg: fmt.Sprintf("%s: %s", source, a.trf("没有语言 %q：用 zh 或 en", "no language %q: use zh or en", value))}
	}
	a.lang = l
	a.dbPath = strings.TrimSpace(a.optDB)
	if a.dbPath == "" {
		a.dbPath = strings.TrimSpace(a.getenv("PHONEAUDIT_DB"))
	}
	if a.dbPath == "" {
		if a.dbPath, err = store.DefaultPath(); err != nil {
			return err
		}
	}
	a.actor = strings.TrimSpace(a.optAs)
	if a.actor == "" {
		a.actor = a.loginName()
	}
	return nil
}

// loginName is the name of the user running the program, without a Windows domain.
func (a *app) loginName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndex(name, `\`); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	for _, env := range []string{"USER", "USERNAME"} {
		if v := strings.TrimSpace(a.getenv(env)); v != "" {
			return v
		}
	}
	return "unknown"
}

// access says how a command uses the database.
type access struct {
	create bool // a missing file is created (else it is an error: a mistyped --db shows nothing)
	write  bool // the command writes, so a read-only file is refused before anything is done
}

var (
	readAccess    = access{}
	writeAccess   = access{create: true, write: true}
	screensAccess = access{create: true}
)

// withStore opens the database, runs fn with the store acting as the user, and closes it.
func (a *app) withStore(cmd *cobra.Command, acc access, fn func(ctx context.Context, s *store.Store) error) (err error) {
	ctx := cmd.Context()
	if !acc.create {
		if _, err := os.Stat(a.dbPath); errors.Is(err, fs.ErrNotExist) {
			return a.errf("没有数据库 %s：先导入科室名单（phoneaudit import offices 文件）或生成演示数据（phoneaudit demo），或用 --db 指定已有的数据库",
				"there is no database %s: import an office list first (phoneaudit import offices FILE), try phoneaudit demo, or give an existing one with --db", a.dbPath)
		}
	}
	s, err := a.open(ctx, acc)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := s.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("closing the database %s: %w", a.dbPath, cerr)
		}
	}()
	if acc.write && s.ReadOnly() {
		return a.readOnlyError()
	}
	err = fn(ctx, s.As(a.actor))
	if errors.Is(err, store.ErrReadOnly) {
		return a.readOnlyError()
	}
	return err
}

// open opens the database: read-only for commands that only read, so they work on a file this
// user may not write and can never change it; writable otherwise.
func (a *app) open(ctx context.Context, acc access) (*store.Store, error) {
	if acc.write || acc.create {
		return store.OpenWith(ctx, a.dbPath, store.Options{Files: recording.Files{}})
	}
	s, err := store.OpenWith(ctx, a.dbPath, store.Options{ReadOnly: true, Files: recording.Files{}})
	if errors.Is(err, store.ErrReadOnly) {
		// An older schema must be brought up to date first, which needs a writable open.
		return store.OpenWith(ctx, a.dbPath, store.Options{Files: recording.Files{}})
	}
	return s, err
}

func (a *app) readOnlyError() error {
	return a.errf("数据库 %s 是只读的，这个命令需要写入：检查文件的权限，或用 --db 指定可写的文件",
		"the database %s is read-only and this command needs to write: check the file's permissions or give another with --db", a.dbPath)
}

// runScreens starts the TUI. Who I am comes from --as when given; otherwise the screens look up
// the auditor remembered for the OS user, or ask. The screens are a session of their own on the
// file, in this terminal: the score sheets they open are theirs until they end, when they are
// given up (a killed program's are taken by the next one at once: its process is gone).
func (a *app) runScreens(cmd *cobra.Command, _ []string) error {
	return a.withStore(cmd, screensAccess, func(ctx context.Context, s *store.Store) error {
		sess := store.NewSession(store.LocalPlace(ttyName()))
		opts := ui.Options{
			Lang:    a.lang,
			Store:   s,
			As:      strings.TrimSpace(a.optAs),
			OSUser:  a.loginName(),
			Session: sess,
		}
		if !s.ReadOnly() {
			opts.LoadDemo = func(ctx context.Context) error { return demo.Load(ctx, s, defaultSeed) }
		}
		err := ui.Run(ctx, opts)
		if !s.ReadOnly() {
			// Even after a signal: the leases are not left to expire.
			end, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			_ = s.InSession(sess).ReleaseSession(end) // else they expire by themselves
		}
		return err
	})
}

// ttyName is the terminal the screens run in ("/dev/pts/3"), or "" when it cannot be told.
func ttyName() string {
	name, err := os.Readlink("/proc/self/fd/0")
	if err != nil || !strings.HasPrefix(name, "/dev/") {
		return ""
	}
	return name
}

// usageError is a mistake in the command line itself: exit code 2 and a pointer to --help.
type usageError struct {
	msg string
	err error
}

func (e *usageError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	return e.err.Error()
}

func (e *usageError) Unwrap() error { return e.err }

func (a *app) usagef(zh, en string, args ...any) error {
	return &usageError{msg: a.trf(zh, en, args...)}
}

// usageText words a usage error; pflag's own messages are translated for Chinese.
func (a *app) usageText(err error) string {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
	)
	switch {
	case a.lang == lang.EN:
		return err.Error()
	case errors.As(err, &notExist):
		return fmt.Sprintf("没有选项 %s", flagName(notExist.GetSpecifiedName(), notExist.GetSpecifiedShortnames()))
	case errors.As(err, &required):
		return fmt.Sprintf("选项 %s 需要一个值", flagName(required.GetSpecifiedName(), required.GetSpecifiedShortnames()))
	case errors.As(err, &invalid):
		why := errors.Unwrap(invalid)
		var numErr *strconv.NumError
		if errors.As(why, &numErr) {
			why = errors.New("要一个整数")
		}
		return fmt.Sprintf("选项 --%s 的值 %q 不对：%v", invalid.GetFlag().Name, invalid.GetValue(), why)
	}
	return err.Error()
}

func flagName(long, short string) string {
	if long != "" {
		return "--" + long
	}
	return "-" + short
}

// noArgs refuses arguments, naming the first as an unknown command (with a suggestion).
func (a *app) noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return a.unknownCommand(cmd, args[0])
}

func (a *app) unknownCommand(cmd *cobra.Command, name string) error {
	msg := a.trf("没有命令 %q", "there is no command %q", name)
	if cmd.HasParent() {
		msg = a.trf("%s 没有子命令 %q", "%s has no command %q", commandName(cmd), name)
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default, which it sets only on its own path
	}
	if s := cmd.SuggestionsFor(name); len(s) > 0 {
		msg += a.trf("，是不是 %s？", "; did you mean %s?", strings.Join(s, a.tr(" 或 ", " or ")))
	}
	return &usageError{msg: msg}
}

// args checks the positional arguments against their names (FILE, DEPT …).
func (a *app) args(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < len(names):
			return a.usagef("%s 缺少 %s", "%s needs %s", commandName(cmd), strings.Join(names[len(args):], " "))
		case len(args) > len(names):
			return a.usagef("%s 多了参数 %s", "%s got more arguments than it takes: %s", commandName(cmd),
				strings.Join(quoteAll(args[len(names):]), " "))
		}
		return nil
	}
}

// commandName is the command as typed after "phoneaudit", for messages that already begin
// with "phoneaudit: ".
func commandName(cmd *cobra.Command) string {
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// group makes a command that only holds subcommands: alone or with an unknown subcommand it is
// a usage error, not a help page with exit 0.
func (a *app) group(use, short, example string, subs ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{
		Use:         use + " COMMAND",
		Short:       short,
		Example:     example,
		Args:        cobra.ArbitraryArgs,
		Annotations: map[string]string{"group": "yes"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return a.unknownCommand(cmd, args[0])
			}
			var names []string
			for _, sub := range cmd.Commands() {
				names = append(names, sub.Name())
			}
			return a.usagef("%s 后面要跟一个命令：%s", "%s needs a command: %s", commandName(cmd), strings.Join(names, ", "))
		},
	}
	c.AddCommand(subs...)
	return c
}
