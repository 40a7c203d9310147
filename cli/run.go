// Package cli is phoneaudit's command line: the options and subcommands (cobra). It opens the
// store, then starts the screens or runs one command; Run is the whole program but for the
// process itself (signals, exit), which main keeps.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"phoneaudit/lang"
	"phoneaudit/ui"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the command ran and failed: what and where is on stderr
	exitUsage = 2 // the command line itself is wrong
)

// Run executes one command line and returns the exit code. It never calls os.Exit, so tests can
// drive it in the same process.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdout: stdout, stderr: stderr, getenv: getenv, lang: langHint(args, getenv)}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) || isFlagError(err) {
		path := root.CommandPath()
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(stderr, "phoneaudit: %s\n", oneLine(a.usageText(err)))
		fmt.Fprintln(stderr, a.tr("运行 "+path+" --help 查看用法和示例", "Run '"+path+" --help' for usage and examples."))
		return exitUsage
	}
	if errors.Is(err, context.Canceled) {
		err = errors.New(a.tr("已中断，未完成的写入已撤销", "interrupted: nothing half-written was kept"))
	}
	msg, ok := a.refusalText(err)
	if !ok { // the statements in the user's language, a storage fault in its own words
		words := []func(lang.Lang, error) (string, bool){ui.FaultText, ui.StorageTextIn}
		if a.lang == lang.EN { // the store's English stands: only a storage fault is reworded
			words = []func(lang.Lang, error) (string, bool){ui.StorageTextIn, ui.FaultText}
		}
		for _, w := range words {
			if msg, ok = w(a.lang, err); ok {
				break
			}
		}
	}
	if !ok {
		msg = err.Error()
	}
	fmt.Fprintf(stderr, "phoneaudit: %s\n", oneLine(msg))
	return exitFail
}

// oneLine folds a message onto one line: the error is always a single line on stderr.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// isFlagError tells the errors pflag makes of a bad option, in case one reaches us unwrapped.
func isFlagError(err error) bool {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	return errors.As(err, &notExist) || errors.As(err, &required) || errors.As(err, &invalid) || errors.As(err, &syntax)
}

// langHint finds the language for messages before the options are parsed (a bad option is
// reported before they are): --lang on the command line, else PHONEAUDIT_LANG, else Chinese.
// Never $LANG: Chinese offices often run en_US.UTF-8.
func langHint(args []string, getenv func(string) string) lang.Lang {
	value := getenv("PHONEAUDIT_LANG")
	for i, arg := range args {
		if arg == "--" {
			break
		}
		if v, ok := strings.CutPrefix(arg, "--lang="); ok {
			value = v
		} else if arg == "--lang" && i+1 < len(args) {
			value = args[i+1]
		}
	}
	return lang.Of(value)
}
