// Package scoring holds the rules of a phone audit: the rubric and its criteria,
// dial attempts and the retry rule, working days, the result of one score sheet
// and of several, and streaks and flags. It does no I/O and imports nothing of
// phoneaudit's but the leaf package lang (the language its labels are in, which
// itself imports nothing of ours and does no I/O), so every rule can be tested
// on its own.
package scoring
