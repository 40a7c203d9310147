package server

import "github.com/charmbracelet/x/ansi"

// csi does a control sequence; those that change nothing on screen (SGR, queries) are ignored.
func (v *vt) csi(cmd ansi.Cmd) {
	n := func(i, def int) int {
		p, _ := v.p.Param(i, def)
		return max(p, 1)
	}
	first, _ := v.p.Param(0, 0)
	if cmd.Intermediate() != 0 {
		return
	}
	if cmd.Final() == 'm' && cmd.Prefix() == 0 {
		v.sgr()
		return
	}
	if cmd.Prefix() != 0 {
		if cmd.Prefix() == '?' && first == 7 && (cmd.Final() == 'h' || cmd.Final() == 'l') {
			v.autowrap = cmd.Final() == 'h'
		}
		return
	}
	v.wrapNext = false
	switch cmd.Final() {
	case 'A':
		v.y = max(v.y-n(0, 1), 0)
	case 'B':
		v.y = min(v.y+n(0, 1), v.h-1)
	case 'C':
		v.x = min(v.x+n(0, 1), v.w-1)
	case 'D':
		v.x = max(v.x-n(0, 1), 0)
	case 'E':
		v.x, v.y = 0, min(v.y+n(0, 1), v.h-1)
	case 'F':
		v.x, v.y = 0, max(v.y-n(0, 1), 0)
	case 'G', '`':
		v.x = min(n(0, 1)-1, v.w-1)
	case 'd':
		v.y = min(n(0, 1)-1, v.h-1)
	case 'H', 'f':
		v.y, v.x = min(n(0, 1)-1, v.h-1), min(n(1, 1)-1, v.w-1)
	case 'I':
		v.x = min((v.x/8+n(0, 1))*8, v.w-1)
	case 'Z':
		v.x = max(((v.x+7)/8-n(0, 1))*8, 0)
	case 'J':
		v.eraseDisplay(first)
	case 'K':
		v.eraseLine(first)
	case 'X':
		v.erase(v.y, v.x, v.x+n(0, 1))
	case '@':
		line, k := v.cells[v.y], min(n(0, 1), v.w-v.x)
		copy(line[v.x+k:], line[v.x:])
		v.erase(v.y, v.x, v.x+k)
	case 'P':
		line, k := v.cells[v.y], min(n(0, 1), v.w-v.x)
		copy(line[v.x:], line[v.x+k:])
		v.erase(v.y, v.w-k, v.w)
	case 'L':
		v.insertLines(v.y, n(0, 1))
		v.x = 0
	case 'M':
		v.deleteLines(v.y, n(0, 1))
		v.x = 0
	case 'S':
		v.scrollUp(n(0, 1))
	case 'T':
		v.scrollDown(n(0, 1))
	case 'b':
		for range n(0, 1) {
			if v.last != "" {
				v.print(v.last, max(ansi.StringWidth(v.last), 1))
			}
		}
	case 'r':
		top, bot := n(0, 1)-1, n(1, v.h)-1
		if top < bot && bot < v.h {
			v.top, v.bot = top, bot
		}
		v.x, v.y = 0, 0
	case 'h', 'l':
		if first == 4 {
			v.insert = cmd.Final() == 'h'
		}
	case 's':
		v.savedX, v.savedY = v.x, v.y
	case 'u':
		v.x, v.y = v.savedX, v.savedY
	}
}

// sgr follows reverse video through the style changes; colours and the rest are skipped.
func (v *vt) sgr() {
	params := v.p.Params()
	if len(params) == 0 {
		v.reverse = false
		return
	}
	for i := 0; i < len(params); i++ {
		switch p := params[i].Param(0); p {
		case 0:
			v.reverse = false
		case 7:
			v.reverse = true
		case 27:
			v.reverse = false
		case 38, 48, 58: // a colour: its sub-parameters, or 5;n or 2;r;g;b
			switch {
			case params[i].HasMore():
				for i+1 < len(params) && params[i].HasMore() {
					i++
				}
			case i+1 < len(params) && params[i+1].Param(0) == 5:
				i += 2
			case i+1 < len(params) && params[i+1].Param(0) == 2:
				i += 4
			}
		}
	}
}

func (v *vt) eraseDisplay(mode int) {
	switch mode {
	case 0:
		v.eraseLine(0)
		for y := v.y + 1; y < v.h; y++ {
			v.erase(y, 0, v.w)
		}
	case 1:
		v.eraseLine(1)
		for y := range v.y {
			v.erase(y, 0, v.w)
		}
	default:
		for y := range v.h {
			v.erase(y, 0, v.w)
		}
	}
}

func (v *vt) eraseLine(mode int) {
	switch mode {
	case 0:
		v.erase(v.y, v.x, v.w)
	case 1:
		v.erase(v.y, 0, v.x+1)
	default:
		v.erase(v.y, 0, v.w)
	}
}
