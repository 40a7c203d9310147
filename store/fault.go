package store

import faults "phoneaudit/internal/fault"

// Fault is an error the store states in English and the screens and commands put in the user's
// language (package fault).
type Fault = faults.Fault

// fault states an error: err is the kind (or the error wrapped), format and args the statement.
func fault(err error, format string, args ...any) error { return faults.New(err, format, args...) }
