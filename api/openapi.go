package api

import (
	_ "embed"
	"net/http"
)

// OpenAPIDocument is the OpenAPI 3.1 description of every endpoint, served
// at /openapi.json and checked against real answers in the tests.
//
//go:embed openapi.json
var OpenAPIDocument []byte

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	s.writeBody(w, r, OpenAPIDocument, "application/json; charset=utf-8")
}
