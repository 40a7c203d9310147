// Package demo generates a believable, deterministic demo city for phoneaudit:
// departments and offices with fictitious phone numbers, auditors, scenarios
// and six rounds of calls whose results follow each office's hidden quality,
// so flags and streaks look like a real city's. At scale it generates a
// province of 2,000 offices whose rounds are streamed one at a time.
//
// The package is pure data: it imports only the standard library and
// phoneaudit/scoring (to draw score sheets that the rubric judges as
// intended). The same seed always gives the same city.
package demo
