package main

import (
	"encoding/json"
	"testing"
)

func TestDatesPrefer(t *testing.T) {
	for prefer, want := range map[string]string{"": "2023-05", "past": "2023-05", "future": "2024-05", "nearest": "2024-05"} {
		args := []string{"dates", "--ref", "2024-02-21"}
		if prefer != "" {
			args = append(args, "--prefer", prefer)
		}
		out, err := run(t, append(args, "in May")...)
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Expressions []struct {
				Value string `json:"value"`
			} `json:"expressions"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Expressions) != 1 || res.Expressions[0].Value != want {
			t.Errorf("--prefer %q: %s, want %s", prefer, out, want)
		}
	}
	if _, err := run(t, "dates", "--prefer", "soon", "x"); exitCode(err) != 2 {
		t.Errorf("bad --prefer: exit %d", exitCode(err))
	}
}
