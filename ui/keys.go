package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
)

// KeyMap holds the keys of the shell around the screens. Each model keeps its
// own copy (never a package variable), because bindings are switched on and
// off with the state: a disabled binding neither matches nor shows in help.
type KeyMap struct {
	Tabs      [tabCount]key.Binding // 1…5 jump to a tab
	NextTab   key.Binding
	PrevTab   key.Binding
	LoadDemo  key.Binding // only while the welcome panel offers it
	Help      key.Binding
	Retry     key.Binding // ctrl+r: send a failed write again
	Quit      key.Binding // q: off on the call screen, which esc leaves first
	ForceQuit key.Binding // ctrl+c works everywhere (pending writes are sent first)

	// switchTab stands for Tabs in the one-line help: "1-5 switch tab".
	switchTab key.Binding
}

// DefaultKeyMap returns the keys with their help in language lang. The
// demo key starts disabled: the welcome panel turns it on.
func DefaultKeyMap(l lang.Lang) KeyMap {
	km := KeyMap{
		NextTab:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", tr(l, msgKeyNextTab))),
		PrevTab:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", tr(l, msgKeyPrevTab))),
		LoadDemo:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", tr(l, msgKeyLoadDemo))),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", tr(l, msgKeyMoreHelp))),
		Retry:     key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", tr(l, msgKeyRetry))),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", tr(l, msgKeyQuit))),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", tr(l, msgKeyForceQuit))),
		switchTab: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", tr(l, msgKeySwitchTab))),
	}
	for t := range tabCount {
		n := string(rune('1' + t))
		km.Tabs[t] = key.NewBinding(key.WithKeys(n), key.WithHelp(n, tr(l, t.nameID())))
	}
	km.LoadDemo.SetEnabled(false)
	km.Retry.SetEnabled(false)
	return km
}

// tabFor reports which tab, if any, msg jumps to.
func (k KeyMap) tabFor(msg tea.KeyPressMsg) (tab, bool) {
	for t, b := range k.Tabs {
		if key.Matches(msg, b) {
			return tab(t), true
		}
	}
	return 0, false
}

// ShortHelp is the help line at the bottom (help.KeyMap).
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Retry, k.switchTab, k.NextTab, k.LoadDemo, k.Help, k.Quit}
}

// FullHelp is the help shown by ?, one column per group (help.KeyMap).
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.Tabs[:],
		{k.NextTab, k.PrevTab, k.LoadDemo},
		{k.Help, k.Retry, k.Quit, k.ForceQuit},
	}
}

// setFullHelp keeps the ? entry saying what pressing it will do.
func (k *KeyMap) setFullHelp(l lang.Lang, full bool) {
	id := msgKeyMoreHelp
	if full {
		id = msgKeyLessHelp
	}
	k.Help.SetHelp("?", tr(l, id))
}
