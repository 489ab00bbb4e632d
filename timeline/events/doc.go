// Package events folds milestones from many documents into the events of
// the timeline: one event per real-world step, with every source that
// reports it (Cluster), and spots reposts of one story (Fingerprint,
// HammingDistance).
package events
