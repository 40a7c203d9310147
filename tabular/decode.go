package tabular

import (
	"bytes"
	"phoneaudit/internal/fault"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// gbReplacement is U+FFFD encoded in GB18030: the one sequence whose decoding is a genuine
// replacement character rather than a sign of invalid bytes.
var gbReplacement = []byte{0x84, 0x31, 0xA4, 0x37}

// Decode turns the bytes of a text file into a string. Valid UTF-8, with or without a BOM, is
// UTF-8 (the BOM is dropped); anything else is GB18030, the superset of GBK that Chinese
// Windows writes. Bytes that are invalid there are an error naming the line, never a silent
// U+FFFD. name is the file name used in messages.
func Decode(data []byte, name string) (string, error) {
	hasBOM := bytes.HasPrefix(data, utf8BOM)
	if hasBOM {
		data = data[len(utf8BOM):]
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	// A file that says it is UTF-8, or nearly is, has damaged bytes; decoding it as GB18030
	// would turn its Chinese into plausible-looking nonsense instead of an error.
	if hasBOM || mostlyUTF8(data) {
		bad := firstInvalidUTF8(data)
		return "", fault.New(nil, "%s line %d: invalid UTF-8 bytes (the file is damaged there)", name, lineAt(data, bad))
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil { // the decoder reports no errors today; keep the promise if that changes
		return "", fault.New(err, "%s: cannot decode as GB18030", name)
	}
	if bytes.Contains(text, []byte(string(utf8.RuneError))) {
		if bad := firstInvalidGB18030(data); bad >= 0 {
			return "", fault.New(nil, "%s line %d: invalid GB18030 bytes (the file is neither UTF-8 nor GBK there)", name, lineAt(data, bad))
		}
	}
	return string(text), nil
}

// lineAt is the 1-based line of byte offset off. Counting raw '\n' bytes is right for both
// encodings: in UTF-8 and GB18030 the byte 0x0A is never part of a longer character.
func lineAt(data []byte, off int) int {
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

// firstInvalidUTF8 is the offset of the first byte that does not start a valid UTF-8 sequence,
// or len(data) when there is none.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// mostlyUTF8 reports whether data is UTF-8 text with a few damaged bytes. GBK text sometimes
// forms a valid UTF-8 sequence by chance, but far more often not, so genuine GB18030 Chinese
// never has ten valid multi-byte sequences for every invalid byte.
func mostlyUTF8(data []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			invalid++
		case n > 1:
			valid++
		}
		i += n
	}
	return valid >= 10*invalid
}

// firstInvalidGB18030 is the offset of the first character of data that is not valid
// GB18030, or -1. It decodes one character at a time with the same decoder as Decode, so the
// two can never disagree about what is valid.
func firstInvalidGB18030(data []byte) int {
	dec := simplifiedchinese.GB18030.NewDecoder()
	var buf [2 * utf8.UTFMax]byte
	for i := 0; i < len(data); {
		seq := data[i : i+gb18030SeqLen(data[i:])]
		n, _, err := dec.Transform(buf[:], seq, true)
		r, _ := utf8.DecodeRune(buf[:n])
		if err != nil || (r == utf8.RuneError && !bytes.Equal(seq, gbReplacement)) {
			return i
		}
		i += len(seq)
	}
	return -1
}

// gb18030SeqLen is the length of the character that starts b judged by its bytes alone:
// 1 for ASCII (and for bytes that cannot start a character), 2 for a lead byte and a trail
// byte, 4 for the four-byte form (lead, digit, lead, digit). Whether the character exists is
// left to the decoder.
func gb18030SeqLen(b []byte) int {
	if b[0] < 0x81 || b[0] == 0xFF || len(b) < 2 {
		return 1
	}
	if c1 := b[1]; c1 >= '0' && c1 <= '9' {
		if len(b) < 4 {
			return 1
		}
		return 4
	}
	return 2
}
