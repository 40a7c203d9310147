package demo

import "math/rand/v2"

// Streams keep the parts of the demo independent of each other: drawing one
// more auditor must not change every phone number or every round.
const (
	streamRegistry uint64 = iota + 1
	streamPeople
	streamTraits
	streamRound = 1 << 20 // + the round's number
)

// newRand returns the generator of one stream of a seed.
func newRand(seed int64, stream uint64) *rand.Rand {
	s := splitmix(uint64(seed))
	return rand.New(rand.NewPCG(s, splitmix(s^stream*0x9e3779b97f4a7c15)))
}

// splitmix scrambles a word, so that nearby seeds and streams start far apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// chance is true with probability p.
func chance(rng *rand.Rand, p float64) bool { return rng.Float64() < p }

// oneOf picks an element of xs.
func oneOf[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }
