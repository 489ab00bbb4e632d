package milestones

import (
	"slices"

	"github.com/wallbreak/wallbreak/timeline"
)

// Decision says what became of one dated statement of a document: a
// milestone (with its status and, when set aside or kept as an
// announcement, the status rule that chose it) or dropped by a named rule.
// `wallbreak extract --explain` prints them.
type Decision struct {
	DocumentID  string          `json:"document_id"`
	Quote       string          `json:"quote"`
	Offset      int             `json:"offset"` // bytes into Document.Text
	DateText    string          `json:"date_text"`
	Date        string          `json:"date"`                // "" when it cannot be resolved
	FollowOn    bool            `json:"follow_on,omitempty"` // dated by the sentence before
	Milestone   bool            `json:"milestone"`
	MilestoneID string          `json:"milestone_id,omitempty"`
	Status      timeline.Status `json:"status,omitempty"`
	// Rule names the rule that dropped the statement, or that set the
	// milestone's status (empty for a plain "happened"); Why says it.
	Rule string `json:"rule,omitempty"`
	Why  string `json:"why,omitempty"`
}

// decide records what became of seg when explaining: m is its milestone,
// nil when the rule named dropped it.
func (x *extraction) decide(seg segment, m *timeline.Milestone, rule, why string) {
	if !x.explain {
		return
	}
	d := Decision{DocumentID: x.docID, Quote: seg.Text, Offset: seg.Offset, DateText: seg.expr.Text, Date: seg.expr.Value, FollowOn: seg.followOn, Rule: rule, Why: why}
	if rule == "no-page-date" {
		d.Date = "" // relative to nothing the page gives: unresolved
	}
	if m != nil {
		d.Milestone, d.MilestoneID, d.Status, d.Quote = true, m.ID, m.Status, m.Quote
	}
	x.decisions = append(x.decisions, d)
}

// RuleInfo names one rule of the milestone decision.
type RuleInfo struct {
	Name   string          `json:"name"`
	Why    string          `json:"why"`
	Status timeline.Status `json:"status,omitempty"` // for status rules: the status it sets
}

// Rules lists the rules that drop a dated statement, then the rules that
// set a milestone's status, each in the order they are tried.
func Rules() (drop, status []RuleInfo) {
	for _, r := range append(slices.Clone(dropRules), sameStepRule) {
		drop = append(drop, RuleInfo{Name: r.name, Why: r.why})
	}
	for _, r := range statusRules {
		status = append(status, RuleInfo{Name: r.name, Why: r.why, Status: r.status})
	}
	return drop, status
}
