package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

// printExplain prints `wallbreak extract --explain`: a line per dated
// statement (its date, what became of it, the rule that decided, the
// statement), then what each rule named means.
func printExplain(w io.Writer, ds []milestones.Decision) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tDECISION\tRULE\tSTATEMENT")
	why := map[string]string{}
	var order []string
	for _, d := range ds {
		rule := d.Rule
		if rule == "" {
			rule = "-"
		} else if _, ok := why[rule]; !ok {
			why[rule] = d.Why
			order = append(order, rule)
		}
		date := d.Date
		if date == "" {
			date = "?"
		}
		if d.FollowOn {
			date += " (follow-on)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", date, decisionLabel(d), rule, timeline.Headline(d.Quote, 100))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	kept := 0
	for _, d := range ds {
		if d.Milestone && d.Status == timeline.StatusHappened {
			kept++
		}
	}
	fmt.Fprintf(w, "\n%d dated statements, %d on the timeline\n", len(ds), kept)
	if len(order) > 0 {
		fmt.Fprintln(w, "\nrules:")
		for _, r := range order {
			fmt.Fprintf(w, "  %-18s %s\n", r, why[r])
		}
	}
	return nil
}

func decisionLabel(d milestones.Decision) string {
	switch {
	case !d.Milestone:
		return "dropped"
	case d.Status == timeline.StatusHappened:
		return "milestone"
	default:
		return "set aside: " + strings.ToLower(string(d.Status))
	}
}
