package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
)

// forumSite is a small Discuz board on loopback: two board pages, three
// threads, one of them two pages long. Replies can be added to the last
// page of thread 7 while the test runs.
type forumSite struct {
	mu      sync.Mutex
	replies []string // extra floors on thread-7 page 2
}

func discuzThreadPage(subject string, floors []string, pids []int, pager string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s - 新闻 - 示例论坛 - Powered by Discuz!</title>
<meta name="generator" content="Discuz! X3.4"></head><body><div id="pt"><a href="/">首页</a></div>
<span id="thread_subject">%s</span><div id="postlist">`, subject, subject)
	for i, f := range floors {
		fmt.Fprintf(&b, `<div id="post_%d"><table><tr><td class="pls"><div class="authi"><a class="xw1" href="#">user%d</a></div></td>
<td class="plc"><div class="pi"><strong><a id="postnum%d">%d#</a></strong><div class="authi"><em id="authorposton%d">发表于 2024-3-%d 10:0%d</em></div></div>
<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_%d">%s</td></tr></table></div></td></tr></table></div>`,
			pids[i], pids[i]%10, pids[i], i+1, pids[i], 1+i, i, pids[i], f)
	}
	fmt.Fprintf(&b, `</div>%s<div id="ft">GMT+8, 2024-3-9 12:00</div></body></html>`, pager)
	return b.String()
}

func (s *forumSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch r.URL.Path {
	case "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	case "/forum-2-1.html":
		fmt.Fprint(w, `<html><body><table id="threadlisttableid">
<tbody><tr><th><a href="thread-7-1-1.html" class="s xst">淘宝测试微信支付</a></th></tr></tbody>
<tbody><tr><th><a href="thread-8-1-1.html" class="s xst">饿了么接入微信</a></th></tr></tbody></table>
<div class="pg"><strong>1</strong><a href="forum-2-2.html">2</a><a href="forum-2-2.html" class="nxt">下一页</a></div></body></html>`)
	case "/forum-2-2.html":
		fmt.Fprint(w, `<html><body><table id="threadlisttableid">
<tbody><tr><th><a href="thread-9-1-1.html" class="s xst">优酷接入微信支付</a></th></tr></tbody></table>
<div class="pg"><a href="forum-2-1.html" class="prev">上一页</a><strong>2</strong></div></body></html>`)
	case "/thread-7-1-1.html":
		fmt.Fprint(w, discuzThreadPage("淘宝测试微信支付",
			[]string{"2024年3月1日，淘宝开始测试微信支付，部分用户在付款页面看到了微信支付选项。", "我这里也有了，确实可以用微信付款。"},
			[]int{701, 702}, `<div class="pg"><strong>1</strong><a href="thread-7-2-1.html">2</a><a href="thread-7-2-1.html" class="nxt">下一页</a></div>`))
	case "/thread-7-2-1.html":
		s.mu.Lock()
		floors := append([]string{"第二页的回复：淘宝的微信支付入口目前还是灰度测试。"}, s.replies...)
		s.mu.Unlock()
		pids := []int{703}
		for i := range s.replies {
			pids = append(pids, 704+i)
		}
		fmt.Fprint(w, discuzThreadPage("淘宝测试微信支付", floors, pids, `<div class="pg"><a href="thread-7-1-1.html">1</a><strong>2</strong></div>`))
	case "/thread-8-1-1.html":
		fmt.Fprint(w, discuzThreadPage("饿了么接入微信", []string{"2024年3月2日，饿了么小程序正式接入微信支付。"}, []int{801}, ""))
	case "/thread-9-1-1.html":
		fmt.Fprint(w, discuzThreadPage("优酷接入微信支付", []string{"2024年3月3日，优酷会员可以用微信支付购买。"}, []int{901}, ""))
	default:
		http.NotFound(w, r)
	}
}

func TestForumBoardThreadsAndPagination(t *testing.T) {
	site := &forumSite{}
	log := &requestLog{paths: map[string]int{}, h: site}
	srv := httptest.NewServer(log)
	defer srv.Close()
	c, sink := newTestCrawler(t, true)
	src := source("board", TypeForum, srv.URL+"/forum-2-1.html")

	st, err := c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if st.Failed != 0 {
		t.Fatalf("first run: %+v", st)
	}
	urls := sink.urls()
	want := []string{
		srv.URL + "/thread-7-1-1.html",        // the opening post
		srv.URL + "/thread-7-1-1.html#pid702", // a reply on page 1
		srv.URL + "/thread-7-2-1.html#pid703", // page 2, reached through a.nxt
		srv.URL + "/thread-8-1-1.html",        // the board's other thread
		srv.URL + "/thread-9-1-1.html",        // a thread on the board's page 2
	}
	for _, u := range want {
		if !slices.Contains(urls, u) {
			t.Errorf("missing %s; got %v", u, urls)
		}
	}
	if len(urls) != len(want) {
		t.Errorf("got %d documents %v, want %d", len(urls), urls, len(want))
	}
	for _, d := range sink.docs {
		if d.URL == srv.URL+"/thread-7-2-1.html#pid703" {
			if !strings.HasPrefix(d.Title, "Re: ") || d.PublishedAt == nil || d.Kind != "post" {
				t.Errorf("page-2 floor: %+v", d)
			}
		}
	}

	// Second run, nothing changed: the boards and thread 7's last page
	// are asked again; full pages and finished threads are not.
	before := map[string]int{}
	for _, p := range []string{"/thread-7-1-1.html", "/thread-7-2-1.html", "/thread-8-1-1.html", "/forum-2-2.html"} {
		before[p] = log.count(p)
	}
	if _, err := c.Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	if log.count("/thread-7-1-1.html") != before["/thread-7-1-1.html"] {
		t.Error("a full thread page was fetched again")
	}
	if log.count("/forum-2-2.html") != before["/forum-2-2.html"]+1 || log.count("/thread-7-2-1.html") != before["/thread-7-2-1.html"]+1 {
		t.Errorf("board page 2 and the thread's last page should be asked again: %v", log.paths)
	}
	if n := len(sink.urls()); n != len(want) {
		t.Errorf("an unchanged forum was re-extracted: %d documents", n)
	}

	// A new reply on the last page is picked up by the next run.
	site.mu.Lock()
	site.replies = append(site.replies, "新回复：现在所有人都能在淘宝用微信支付了。")
	site.mu.Unlock()
	if _, err := c.Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(sink.urls(), srv.URL+"/thread-7-2-1.html#pid704") {
		t.Errorf("the new reply was not crawled: %v", sink.urls())
	}
}

func TestForumDiscourseJSON(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/latest.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") == "1" {
			fmt.Fprint(w, `{"topic_list":{"topics":[{"id":12,"slug":"ele-me-wechat","title":"Ele.me and WeChat"}]}}`)
			return
		}
		fmt.Fprint(w, `{"topic_list":{"topics":[{"id":11,"slug":"taobao-wechat-pay","title":"Taobao and WeChat Pay"}],"more_topics_url":"/latest?page=1"}}`)
	})
	mux.HandleFunc("/t/taobao-wechat-pay/11.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") == "2" {
			fmt.Fprint(w, `{"id":11,"slug":"taobao-wechat-pay","title":"Taobao and WeChat Pay","posts_count":3,"post_stream":{"posts":[
{"id":103,"post_number":3,"username":"carol","created_at":"2024-03-03T08:00:00.000Z","cooked":"<p>Third post: it works for me now.</p>"}]}}`)
			return
		}
		fmt.Fprint(w, `{"id":11,"slug":"taobao-wechat-pay","title":"Taobao and WeChat Pay","posts_count":3,"post_stream":{"posts":[
{"id":101,"post_number":1,"username":"alice","created_at":"2024-03-01T08:00:00.000Z","cooked":"<p>On March 1, 2024, Taobao began testing WeChat Pay.</p>"},
{"id":102,"post_number":2,"username":"bob","created_at":"2024-03-02T08:00:00.000Z","cooked":"<aside class=\"quote\"><blockquote>On March 1, 2024, Taobao began testing WeChat Pay.</blockquote></aside><p>Not for me yet.</p>"}]}}`)
	})
	mux.HandleFunc("/t/ele-me-wechat/12.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":12,"slug":"ele-me-wechat","title":"Ele.me and WeChat","posts_count":1,"post_stream":{"posts":[
{"id":201,"post_number":1,"username":"dave","created_at":"2024-03-04T08:00:00.000Z","cooked":"<p>Ele.me joined WeChat.</p>"}]}}`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c, sink := newTestCrawler(t, true)
	st, err := c.Run(context.Background(), source("discourse", TypeForum, srv.URL+"/latest.json"))
	if err != nil || st.Failed != 0 {
		t.Fatalf("%+v %v", st, err)
	}
	got := map[string]string{}
	for _, d := range sink.docs {
		got[d.URL] = d.Author + "|" + d.Text
		if d.PublishedAt == nil {
			t.Errorf("%s has no time", d.URL)
		}
	}
	want := map[string]string{
		srv.URL + "/t/taobao-wechat-pay/11":   "alice|On March 1, 2024, Taobao began testing WeChat Pay.",
		srv.URL + "/t/taobao-wechat-pay/11/2": "bob|Not for me yet.",
		srv.URL + "/t/taobao-wechat-pay/11/3": "carol|Third post: it works for me now.",
		srv.URL + "/t/ele-me-wechat/12":       "dave|Ele.me joined WeChat.",
	}
	for u, w := range want {
		if got[u] != w {
			t.Errorf("%s: got %q, want %q", u, got[u], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %v", got)
	}
}
