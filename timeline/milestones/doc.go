// Package milestones turns a document into its dated milestones: the
// statements that name a date (see package dates) and involve at least one
// actor of the topic profile, each with its quote, category, status
// (happened, planned, opinion) and confidence.
//
// Extract walks the text sentence by sentence and clause by clause, cuts
// each clause into the segments one date governs, gives each segment its
// actors (named, inherited from the topic, the clause or the question it
// answers) and then decides whether it is a step of the story.
package milestones
