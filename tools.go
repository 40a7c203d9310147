//go:build tools

// This file pins the modules phoneaudit builds on, so that `go mod tidy` keeps
// them in go.mod before every package that uses them has landed.
package main

import (
	_ "charm.land/bubbles/v2/help"
	_ "charm.land/bubbles/v2/key"
	_ "charm.land/bubbles/v2/list"
	_ "charm.land/bubbles/v2/table"
	_ "charm.land/bubbles/v2/textarea"
	_ "charm.land/bubbles/v2/textinput"
	_ "charm.land/bubbles/v2/viewport"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/lipgloss/v2"
	_ "charm.land/wish/v2"
	_ "charm.land/wish/v2/bubbletea"
	_ "github.com/BurntSushi/toml"
	_ "github.com/charmbracelet/x/ansi"
	_ "github.com/charmbracelet/x/exp/teatest/v2"
	_ "github.com/spf13/cobra"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/crypto/ssh"
	_ "golang.org/x/text/encoding/simplifiedchinese"
	_ "golang.org/x/text/width"
	_ "modernc.org/sqlite"
)
