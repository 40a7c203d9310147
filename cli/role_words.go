package cli

import (
	"errors"
	"strings"

	"phoneaudit/store"
)

// refusalText words an error that holds a refusal of what only a lead may do (a
// *store.RoleError) in the user's language; whatever it was wrapped in stays as it is. ok is
// false for any other error.
func (a *app) refusalText(err error) (msg string, ok bool) {
	var role *store.RoleError
	if !errors.As(err, &role) {
		return "", false
	}
	words := a.trf("%s 是测评员：只有组长可以这样做（%s）", "%s %s: only a lead may", role.Actor, role.Action)
	return strings.Replace(err.Error(), role.Error(), words, 1), true
}
