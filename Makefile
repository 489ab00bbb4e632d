# wallbreak — see README.md.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.Version=$(VERSION)
BIN     := bin/wallbreak
ADDR    ?= 127.0.0.1:8080
FUZZTIME ?= 15s

.PHONY: all build demo run test vet fmt-check lint fuzz bench bench-index bench-load bench-content browser-deps eval eval-real clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/wallbreak

# Serve the bundled sample site on loopback, crawl it, index it, and serve
# the API and web page on $(ADDR) until Ctrl-C.
demo: build
	./$(BIN) demo --addr $(ADDR)

# The daemon with the default configuration (real public sources).
run: build
	./$(BIN) serve --addr $(ADDR)

# vet + gofmt + the whole suite under the race detector.
test: vet fmt-check
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './bin/*' -not -path './data/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

lint: vet fmt-check

# Headless Chromium and CJK fonts for the browser test of the web page
# (TestWebPageInABrowser skips without them, unless WALLBREAK_REQUIRE_BROWSER).
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then \
		echo "chromium and CJK fonts present"; \
	else \
		SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk; \
	fi

# Each fuzz target briefly (FUZZTIME each). Minimising every new interesting
# input would eat the budget, so it is capped; crashers land in testdata/fuzz.
FUZZFLAGS = -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
fuzz:
	$(GO) test ./timeline/dates $(FUZZFLAGS) -fuzz '^FuzzTagDates$$'
	$(GO) test ./timeline/milestones $(FUZZFLAGS) -fuzz '^FuzzExtract$$'
	$(GO) test ./crawler $(FUZZFLAGS) -fuzz '^FuzzExtractHTML$$'
	$(GO) test ./timeline/pagetime $(FUZZFLAGS) -fuzz '^FuzzParse$$'

# Extraction quality on the hand-annotated gold set (testdata/gold).
eval:
	$(GO) run ./cmd/wallbreak eval --gold testdata/gold/gold.yaml

# Extraction quality on real coverage (../shared/realnews, when present):
# eval's figures plus by language, by how dates resolve, and the milestones
# found on its distractor pages.
REALNEWS ?= ../shared/realnews
eval-real:
	@if [ -f $(REALNEWS)/gold.yaml ]; then \
		$(GO) run ./cmd/wallbreak eval --gold $(REALNEWS)/gold.yaml --breakdown; \
	else \
		echo "eval-real: no real set at $(REALNEWS) (skipped)"; \
	fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./...

# The index at scale (issue: search): SIZES articles of the synthetic corpus.
SIZES ?= 10000,100000
bench-index:
	$(GO) run ./internal/cmd/indexbench -sizes $(SIZES) -runs 200

# GET /api/v1/timeline on a 100k-event index under 64 concurrent clients.
bench-load:
	$(GO) run ./internal/cmd/loadbench -events 100000 -clients 64 -duration 30s

# Main text against go-trafilatura and go-readability (issue 12); CORPUS is
# a directory internal/cmd/contentbench/README.md explains how to get.
CORPUS ?= $(HOME)/.cache/wallbreak-contentbench/article-extraction-benchmark
bench-content:
	cd internal/cmd/contentbench && $(GO) run . -corpus $(CORPUS)

clean:
	rm -rf bin data
