// Command ferretdb runs FerretDB 2 (the MongoDB wire protocol) in front of a
// PostgreSQL server with the DocumentDB extension, for the local run, the tests
// and the benchmarks. It wraps the embeddable package because the upstream
// binary, built from the Go module proxy, lacks its build-time version file.
//
// Nothing here changes FerretDB's behaviour: unlike our v1 wrapper, there is no
// proxy in front. DocumentDB applies each single-document update atomically, as
// MongoDB does (see docs/database.md).
package main

import (
	"context"
	"flag"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/v2/ferretdb"
)

func main() {
	pg := flag.String("postgresql-url", "postgres://postgres@127.0.0.1:5432/postgres", "PostgreSQL URL")
	addr := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	state := flag.String("state", "./.data/ferretdb", "folder for FerretDB's state file")
	level := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	if err := os.MkdirAll(*state, 0o755); err != nil {
		log.Fatal(err)
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		log.Fatal(err)
	}
	telemetry := false

	f, err := ferretdb.New(&ferretdb.Config{
		PostgreSQLURL: *pg,
		ListenAddr:    *addr,
		StateDir:      *state,
		LogLevel:      lvl,
		LogOutput:     os.Stderr,
		Telemetry:     &telemetry,
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	log.Printf("ferretdb listening on %s, PostgreSQL at %s", *addr, *pg)
	f.Run(ctx)
}
