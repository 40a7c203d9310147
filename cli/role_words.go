package cli

import (
	"errors"
	"strings"

	"phoneaudit/store"
	"phoneaudit/ui"
)

// refusalText words an error that holds a refusal of what only a lead may do (a
// *store.RoleError) in the user's language; whatever it was wrapped in stays as it is. ok is
// false for any other error.
func (a *app) refusalText(err error) (msg string, ok bool) {
	var role *store.RoleError
	if !errors.As(err, &role) {
		return "", false
	}
	return strings.Replace(err.Error(), role.Error(), ui.RoleRefusal(a.lang, role), 1), true
}
