package main

import (
	"strings"
	"testing"
)

// The gold set's scores may not fall below what was reached when it was
// annotated (testdata/gold/README.md). Raise these when extraction improves.
func TestGoldSetQuality(t *testing.T) {
	s, err := evaluate("../../testdata/gold/gold.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s.Documents < 30 || s.Gold < 200 {
		t.Fatalf("gold set too small: %d documents, %d milestones", s.Documents, s.Gold)
	}
	floors := []struct {
		name      string
		got, want float64
	}{
		{"milestone precision", s.Precision, 0.98},
		// 0.98 before the held-out pages joined (0.978 with them); 0.992
		// once the rules of round 7 (h19–h23, now 37–41) were in.
		{"milestone recall", s.Recall, 0.985},
		// 1.000 until gold 48 joined: its "Aug. 18", after "in 2024" in the
		// same sentence, is read in 2024; the annotation says the page's
		// year (see ../../testdata/gold-holdout/README.md, h30–h32).
		{"date accuracy", s.DateAccuracy, 0.995},
		// 0.93 on the first 151 milestones; 0.923 once the held-out pages
		// (annotated before the rules saw them) joined: actor choices such as
		// tencent vs tencent-ads on them are judgment calls.
		{"actor F1", s.ActorF1, 0.92},
		{"published-date accuracy", s.PublishedAcc, 1.00},
	}
	for _, f := range floors {
		if f.got < f.want {
			t.Errorf("%s %.3f fell below %.2f", f.name, f.got, f.want)
		}
	}
	if t.Failed() {
		for _, d := range s.PerDocument {
			t.Logf("%s: missed %s; wrong %s; extra %s", d.File, strings.Join(d.Missed, " | "), strings.Join(d.Wrong, " | "), strings.Join(d.FalsePositive, " | "))
		}
	}
}

func TestEvalCommandErrors(t *testing.T) {
	if _, err := run(t, "eval", "--gold", "/no/such/gold.yaml"); exitCode(err) != 2 {
		t.Errorf("missing gold file: exit %d", exitCode(err))
	}
	out, err := run(t, "eval", "--gold", "../../testdata/gold/gold.yaml")
	if err != nil || !strings.Contains(out, "milestone precision") || !strings.Contains(out, "published-date accuracy") {
		t.Errorf("eval output:\n%s", out)
	}
}
