// Command ferretdb starts FerretDB v1 (MongoDB wire protocol) with its SQLite
// backend, for the local run and the tests. It wraps the embeddable package
// because the upstream binary, built from the module proxy, lacks its version
// file and panics at start.
//
// FerretDB v1's SQLite handler applies an update as read, modify, write without
// a transaction, so two concurrent updates of one document can lose one of them
// (measured: 50 concurrent $inc on one document left n=3), and two conditional
// updates can both "win". MongoDB applies each single-document update
// atomically, and our code relies on that. So FerretDB listens on a private Unix
// socket, and clients reach it through the proxy in proxy.go, which lets only
// one write command at a time per database through while reads flow freely.
package main

import (
	"context"
	"flag"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	dir := flag.String("data", "./data/ferretdb", "folder for the SQLite files")
	addr := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	flag.Parse()

	abs, err := filepath.Abs(*dir)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		log.Fatal(err)
	}
	socket := filepath.Join(abs, "ferretdb.sock")
	_ = os.Remove(socket)

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()

	log.Printf("ferretdb listening on %s (writes serialised), data in %s", *addr, abs)
	go serve(ln, socket)

	if err := <-done; err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
