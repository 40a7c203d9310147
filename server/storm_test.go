package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/internal/sshtest"
	"phoneaudit/store"
)

// The environment of a server process (serverProcess): the database, the keys file and the host
// key, separated by "|".
const envServer = "PHONEAUDIT_TEST_SERVER"

// memoryBound is what the server may take under a storm of window changes.
const memoryBound = 200 << 20

// TestResizeStorm: authenticated clients send window changes as fast as they can, of sizes up to
// 3000×3000, to a server of its own process, whose resident memory must stay under 200 MiB (six
// such clients took it from 36 MB to 2.5 GB). Heavy: only with PHONEAUDIT_SOAK=1.
func TestResizeStorm(t *testing.T) {
	if os.Getenv("PHONEAUDIT_SOAK") != "1" {
		t.Skip("a storm of window changes: PHONEAUDIT_SOAK=1")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads the server's memory from /proc")
	}
	const clients, storm = 6, 30 * time.Second
	tm := newTeam(t, clients, 2)
	p := startServer(t, tm)

	terms := make([]*sshtest.Term, clients)
	for i, m := range tm.auditors {
		c, err := p.dial(m.key)
		if err != nil {
			t.Fatalf("%s logging in: %v", m.name, err)
		}
		t.Cleanup(func() { c.Close() })
		if terms[i], err = sshtest.Open(c, nil, nil, time.Minute, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(terms[i].Close)
		if _, err := terms[i].WaitFor("测评", m.name); err != nil {
			t.Fatal(err)
		}
	}
	idle, _ := p.memory(t)

	over := make(chan struct{})
	var once sync.Once
	sampled := make(chan int64, 1)
	go func() { // the peak meanwhile; a server past the bound is stopped before it eats the machine
		var most int64
		defer func() { sampled <- most }()
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for range tick.C {
			rss, ok := p.rss()
			if !ok {
				return
			}
			most = max(most, rss)
			select {
			case <-over:
				return
			default:
			}
			if rss > memoryBound {
				once.Do(func() { close(over) })
				p.cmd.Process.Kill()
				return
			}
		}
	}()
	var wg sync.WaitGroup
	changes := make([]int, clients)
	end := time.Now().Add(storm)
	for i, term := range terms {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(i), 15))
			for time.Now().Before(end) {
				select {
				case <-over:
					return
				default:
				}
				if err := term.WindowChange(1+rnd.IntN(3000), 1+rnd.IntN(3000)); err != nil {
					return
				}
				changes[i]++
			}
		})
	}
	wg.Wait()
	once.Do(func() { close(over) })
	peakSampled := <-sampled
	_, hwm := p.memory(t)
	total := 0
	for _, n := range changes {
		total += n
	}
	t.Logf("%d clients sent %d window changes up to 3000×3000 in %s, %d cores: the server's resident memory %s with the sessions idle, at most %s (sampled %s)",
		clients, total, storm, runtime.NumCPU(), mib(uint64(idle)), mib(uint64(hwm)), mib(uint64(peakSampled)))
	if hwm > memoryBound || peakSampled > memoryBound {
		t.Fatalf("the server took %s under the storm, want under %s", mib(uint64(max(hwm, peakSampled))), mib(memoryBound))
	}
	for i, term := range terms { // back to its own size, each screen still answers
		if err := term.WindowChange(sshtest.Width, sshtest.Height); err != nil {
			t.Fatal(err)
		}
		if _, err := term.WaitFor("测评", tm.auditors[i].name); err != nil {
			t.Errorf("after the storm: %v", err)
		}
	}
}

// serverProc is a server in a process of this test binary (serverProcess).
type serverProc struct {
	cmd     *exec.Cmd
	addr    string
	hostKey gossh.PublicKey
	stdin   io.Closer
}

func startServer(t *testing.T, tm *team) *serverProc {
	t.Helper()
	hostKey := filepath.Join(tm.dir, "ssh_host_ed25519")
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), envServer+"="+strings.Join([]string{tm.db, tm.keys, hostKey}, "|"))
	stderr := &sshtest.Buffer{}
	cmd.Stderr = stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		t.Fatalf("the server process did not start: %q %v; stderr %s", line, err, stderr)
	}
	signer, _, _, err := loadHostKey(hostKey)
	if err != nil {
		t.Fatal(err)
	}
	return &serverProc{cmd: cmd, addr: addr, hostKey: signer.PublicKey(), stdin: stdin}
}

func (p *serverProc) dial(key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", p.addr, &gossh.ClientConfig{
		User:            "anyone",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(p.hostKey),
		Timeout:         time.Minute,
	})
}

// memory is the process's resident memory now and at its highest, in bytes.
func (p *serverProc) memory(t *testing.T) (rss, peak int64) {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	return procField(status, "VmRSS:"), procField(status, "VmHWM:")
}

// rss is the process's resident memory now; false once it has gone.
func (p *serverProc) rss() (int64, bool) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, false
	}
	return procField(status, "VmRSS:"), true
}

// procField is a "Name:   123 kB" line of /proc/PID/status, in bytes.
func procField(status []byte, name string) int64 {
	for l := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(l, name); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// serverProcess serves the database and keys of envServer until its stdin closes, having
// printed "listening ADDR". It runs instead of the tests, and loads no demo: its memory is the
// server's alone.
func serverProcess(spec string) int {
	parts := strings.Split(spec, "|")
	if len(parts) != 3 {
		fmt.Fprintln(os.Stderr, "want DB|KEYS|HOSTKEY, got", spec)
		return 2
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, parts[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	srv, err := Listen(ctx, Config{Listen: "127.0.0.1:0", KeysPath: parts[1], HostKeyPath: parts[2], Store: st,
		Now: func() time.Time { return workTime }, Grace: 3 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("listening " + srv.Addr())

	go func() {
		io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
