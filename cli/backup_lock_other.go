//go:build !unix

package cli

import "os"

// lockUnfinished does nothing where there is no flock: Windows refuses to remove a file another
// process has open, so a running backup's file is not removed as a leftover.
func lockUnfinished(*os.File) error { return nil }

func inUse(string) bool { return false }

// isNotSupported: Windows cannot sync a folder; its renames are as lasting as it makes them.
func isNotSupported(error) bool { return true }
