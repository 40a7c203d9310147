// Command phoneaudit runs undercover phone audits of a city's offices (电话暗访测评): without a
// subcommand it starts the screens; its subcommands import, list, edit, export and back up the
// data for clerks and leads. See README.md and `phoneaudit --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"phoneaudit/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
