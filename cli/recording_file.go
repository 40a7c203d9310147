package cli

import (
	"context"
	"os"

	"phoneaudit/recording"
	"phoneaudit/store"
)

// recordingSum reads the recording that attach links, for its SHA-256: the store reads no files.
// An auditor is refused before a long file is read; a file that is missing or no file, or no
// call to link, is left to the store to say (the sum is then not needed).
func recordingSum(ctx context.Context, s *store.Store, file string, links []store.RecordingLink) (string, error) {
	if err := s.RequireLead(ctx, store.ActionAttachRecording); err != nil {
		return "", err
	}
	if st, err := os.Stat(file); err != nil || !st.Mode().IsRegular() || len(links) == 0 {
		return "", nil
	}
	return recording.Hash(file)
}
