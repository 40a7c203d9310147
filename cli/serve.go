package cli

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/internal/version"
	"phoneaudit/server"
	"phoneaudit/store"
)

// serveAccess: the database must exist (a server over an empty new file would refuse every
// key) and be writable, since auditors score through it.
var serveAccess = access{write: true}

func (a *app) serveCommand() *cobra.Command {
	var listen, keys, hostKey string
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--keys FILE] [--host-key FILE]",
		Short: "通过 SSH 提供界面 · the screens over SSH for several users",
		Long: `Runs the screens over SSH: every session is a program of its own on this one database, and
local terminals and commands may use the database at the same time.

Who may log in is the keys file, in the format of OpenSSH's authorized_keys: one public key a
line, and after it, as the key's comment, the auditor's name exactly as in the database
("phoneaudit auditors list"). The role (auditor or lead) comes from the database. Unknown keys,
names that are no auditor, and deactivated auditors are refused. Key options such as from= are
not supported: such a line is refused. The file is read again at every login, so adding or
removing a key needs no restart; a file any user may change is refused.

The host key is created on the first start (ed25519, mode 0600) and kept; the fingerprint
printed at start is the one ssh shows on the first connection.

It listens on loopback (127.0.0.1:2222) unless --listen says otherwise, e.g. --listen
0.0.0.0:2222 to accept other computers. Screens are in the language of --lang unless the
client sends PHONEAUDIT_LANG (ssh -o SetEnv=PHONEAUDIT_LANG=en …). A recording file named in
the screens is a path on this server, not on the auditor's computer.

ctrl+c (or SIGTERM) stops it: every session saves what is on its way and ends.`,
		Example: `  phoneaudit serve                                  # keys in authorized_keys beside the database
  phoneaudit --db /data/phoneaudit.db serve --listen 0.0.0.0:2222 --keys /data/team.keys
  ssh -p 2222 -t localhost                          # an auditor logs in (any user name)

  # the keys file: one line per auditor
  ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI… 张伟(人社)`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd, serveAccess, func(ctx context.Context, s *store.Store) error {
				cfg := a.serveConfig(listen, keys, hostKey, s)
				return a.serve(ctx, cfg)
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", server.DefaultListen, "the `ADDR` to listen on, host:port")
	f.StringVar(&keys, "keys", "", "the authorized_keys `FILE` naming the auditors (default authorized_keys beside the database)")
	f.StringVar(&hostKey, "host-key", "", "the server's private key `FILE`, created when missing (default ssh_host_ed25519 beside the database)")
	return cmd
}

// serveConfig fills in the defaults: the keys and the host key live beside the database.
func (a *app) serveConfig(listen, keys, hostKey string, s *store.Store) server.Config {
	// Absolute, so the start line says where they are whatever the folder it was started in.
	dir := filepath.Dir(a.dbPath)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if keys = strings.TrimSpace(keys); keys == "" {
		keys = filepath.Join(dir, "authorized_keys")
	}
	if hostKey = strings.TrimSpace(hostKey); hostKey == "" {
		hostKey = filepath.Join(dir, "ssh_host_ed25519")
	}
	return server.Config{
		Listen:      strings.TrimSpace(listen),
		KeysPath:    keys,
		HostKeyPath: hostKey,
		Store:       s,
		Lang:        a.lang,
		Log:         a.stderr,
		Build:       version.Line(),
	}
}

// serve listens, says where, and serves until ctx ends (ctrl+c or SIGTERM): that is how a
// server stops, so it is no error.
func (a *app) serve(ctx context.Context, cfg server.Config) error {
	srv, err := server.Listen(ctx, cfg)
	if err != nil {
		return err
	}
	a.say("phoneaudit serve: 监听 %s（密钥文件 %s）", "phoneaudit serve: listening on %s (keys file %s)", srv.Addr(), cfg.KeysPath)
	a.say("phoneaudit serve: 主机密钥 %s（%s），按 ctrl+c 停止", "phoneaudit serve: host key %s (%s); ctrl+c stops",
		srv.HostKeyFingerprint(), cfg.HostKeyPath)
	if err := srv.Serve(ctx); err != nil {
		return err
	}
	a.say("phoneaudit serve: 已停止", "phoneaudit serve: stopped")
	return nil
}
