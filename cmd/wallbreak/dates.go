package main

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/timeline/dates"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

func (m *Main) runDates(_ context.Context, args []string) error {
	fs := newFlagSet(m, "dates", "dates --ref DATE [--lang en|zh|auto] [--tz ZONE] [--prefer past|future|nearest] TEXT|-")
	ref := fs.String("ref", "", "reference date the text is relative to: the page's date (2024-02-21 or RFC 3339; default: today)")
	lang := fs.String("lang", "auto", "language of the text: en, zh or auto")
	tz := fs.String("tz", "", "time zone of a --ref without one (default UTC)")
	prefer := fs.String("prefer", "", "direction of a date named without its year (\"on Friday\", \"in May\"): past, future or nearest (default: the news rule, the latest not after --ref)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *lang != "en" && *lang != "zh" && *lang != "auto" {
		return usageErr("--lang: %q is not en, zh or auto", *lang)
	}
	pref, err := dates.ParsePrefer(*prefer)
	if err != nil {
		return usageErr("--prefer: %q is not past, future or nearest", *prefer)
	}
	if len(pos) == 0 {
		fs.Usage()
		return usageErr("dates takes a TEXT (or - for standard input)")
	}
	loc, err := loadZone(*tz)
	if err != nil {
		return err
	}
	if loc == nil {
		loc = time.UTC
	}
	refTime := time.Now().In(loc)
	refOut := refTime.Format(time.DateOnly)
	if *ref != "" {
		t, ok := pagetime.Parse(*ref, loc)
		if !ok {
			return usageErr("--ref: %q is not a date (2024-02-21 or RFC 3339)", *ref)
		}
		refTime, refOut = t, *ref
	}
	text := strings.Join(pos, " ")
	if len(pos) == 1 && pos[0] == "-" {
		b, err := m.readInput("-")
		if err != nil {
			return err
		}
		text = string(b)
	}
	exprs := dates.TagDatesWith(text, refTime, *lang, dates.Options{Prefer: pref})
	if exprs == nil {
		exprs = []dates.Expression{}
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"ref": refOut, "expressions": exprs})
}
