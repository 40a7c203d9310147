// Package scoring holds the rules of a phone audit: the rubric and its criteria,
// dial attempts and the retry rule, working days, the result of one score sheet
// and of several, and streaks and flags. It does no I/O and imports nothing of
// phoneaudit's, so every rule can be tested on its own.
package scoring
