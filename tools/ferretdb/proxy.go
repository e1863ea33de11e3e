package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"time"
)

// One write command at a time per database reaches FerretDB (see main.go). The
// SQLite backend keeps each database in its own file, so writes to different
// databases (e.g. parallel test files) need not wait for each other.
var (
	locksMu sync.Mutex
	locks   = map[string]*sync.Mutex{}
)

func lockFor(db string) *sync.Mutex {
	locksMu.Lock()
	defer locksMu.Unlock()
	l, ok := locks[db]
	if !ok {
		l = &sync.Mutex{}
		locks[db] = l
	}
	return l
}

const (
	opMsg       = 2013
	moreToCome  = 1 << 1
	headerBytes = 16
	maxMessage  = 48 << 20
)

// Commands that only read. Anything else (including what we cannot parse) is
// treated as a write and serialised: being too careful costs only speed.
var readCommands = map[string]bool{
	"find": true, "getMore": true, "aggregate": true, "count": true, "distinct": true,
	"hello": true, "isMaster": true, "ismaster": true, "ping": true, "buildInfo": true,
	"buildinfo": true, "listCollections": true, "listIndexes": true, "listDatabases": true,
	"killCursors": true, "endSessions": true, "getParameter": true, "serverStatus": true,
	"dbStats": true, "collStats": true, "saslStart": true, "saslContinue": true,
	"connectionStatus": true, "getLog": true, "hostInfo": true, "whatsmyuri": true,
}

func serve(ln net.Listener, socket string) {
	for {
		client, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			log.Printf("accept: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		go proxy(client, socket)
	}
}

// proxy relays one client connection. A driver connection sends one request and
// waits for its reply, so holding the lock from a write's request to its reply
// covers the whole command.
func proxy(client net.Conn, socket string) {
	defer client.Close()
	server, err := net.Dial("unix", socket)
	if err != nil {
		log.Printf("dial ferretdb: %v", err)
		return
	}
	defer server.Close()

	var mu sync.Mutex // guards pending
	var pending int32
	released := make(chan struct{}, 1)
	dead := make(chan struct{})
	var held *sync.Mutex

	release := func() {
		if held != nil {
			held.Unlock()
			held = nil
		}
	}
	defer release()

	// Replies: from FerretDB to the client; signal when the awaited reply passes.
	go func() {
		defer client.Close()
		defer close(dead)
		for {
			msg, err := readMessage(server)
			if err != nil {
				return
			}
			responseTo := int32(binary.LittleEndian.Uint32(msg[8:12]))
			if _, err := client.Write(msg); err != nil {
				return
			}
			mu.Lock()
			if pending != 0 && responseTo == pending {
				pending = 0
				mu.Unlock()
				released <- struct{}{}
				continue
			}
			mu.Unlock()
		}
	}()

	for {
		msg, err := readMessage(client)
		if err != nil {
			return
		}
		requestID := int32(binary.LittleEndian.Uint32(msg[4:8]))
		write, expectsReply, db := classify(msg)
		if write {
			held = lockFor(db)
			held.Lock()
			if expectsReply {
				mu.Lock()
				pending = requestID
				mu.Unlock()
			}
		}
		if _, err := server.Write(msg); err != nil {
			return
		}
		if write {
			if expectsReply {
				select {
				case <-released:
				case <-dead:
				}
			}
			release()
		}
	}
}

func readMessage(r io.Reader) ([]byte, error) {
	header := make([]byte, headerBytes)
	if _, err := io.ReadFull(r, header); err != nil {
		return nil, err
	}
	length := int(binary.LittleEndian.Uint32(header[0:4]))
	if length < headerBytes || length > maxMessage {
		return nil, errors.New("bad message length")
	}
	msg := make([]byte, length)
	copy(msg, header)
	if _, err := io.ReadFull(r, msg[headerBytes:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// classify tells whether a message is a write command, whether it expects a
// reply, and its database. Only OP_MSG is parsed: the command name is the first
// key of the body, the database its "$db" field. What cannot be parsed is a write
// on the database "" (one lock for all such messages).
func classify(msg []byte) (write bool, expectsReply bool, db string) {
	opCode := binary.LittleEndian.Uint32(msg[12:16])
	if opCode != opMsg || len(msg) < headerBytes+4+1+4+2 {
		return true, true, ""
	}
	flags := binary.LittleEndian.Uint32(msg[16:20])
	expectsReply = flags&moreToCome == 0
	// Section kind 0 (the body) starts at byte 20: a BSON document.
	if msg[20] != 0 {
		return true, expectsReply, ""
	}
	doc := msg[21:]
	if len(doc) < 5 {
		return true, expectsReply, ""
	}
	size := int(binary.LittleEndian.Uint32(doc[0:4]))
	if size > len(doc) || size < 5 {
		return true, expectsReply, ""
	}
	name, db, ok := commandAndDB(doc[4 : size-1])
	if !ok {
		return true, expectsReply, ""
	}
	return !readCommands[name], expectsReply, db
}

// commandAndDB walks the top-level elements of a BSON document body: the first
// key is the command, "$db" (a string) the database.
func commandAndDB(b []byte) (name, db string, ok bool) {
	first := true
	for len(b) > 0 {
		t := b[0]
		end := bytes.IndexByte(b[1:], 0)
		if end < 0 {
			return "", "", false
		}
		key := string(b[1 : 1+end])
		b = b[2+end:]
		if first {
			name, first = key, false
		}
		n, isString := valueSize(t, b)
		if n < 0 || n > len(b) {
			return "", "", false
		}
		if key == "$db" && isString && n >= 5 {
			db = string(b[4 : n-1])
		}
		b = b[n:]
	}
	return name, db, name != ""
}

// valueSize is the size of a BSON value of type t at the start of b (-1: unknown).
func valueSize(t byte, b []byte) (int, bool) {
	i32 := func() int {
		if len(b) < 4 {
			return -1
		}
		return int(binary.LittleEndian.Uint32(b[0:4]))
	}
	switch t {
	case 0x01, 0x09, 0x11, 0x12: // double, datetime, timestamp, int64
		return 8, false
	case 0x02, 0x0D, 0x0E: // string, JavaScript, symbol
		if n := i32(); n >= 0 {
			return 4 + n, t == 0x02
		}
		return -1, false
	case 0x03, 0x04, 0x0F: // document, array, code with scope
		return i32(), false
	case 0x05: // binary
		if n := i32(); n >= 0 {
			return 5 + n, false
		}
		return -1, false
	case 0x07: // ObjectId
		return 12, false
	case 0x08: // bool
		return 1, false
	case 0x0A, 0x06, 0x7F, 0xFF: // null, undefined, max key, min key
		return 0, false
	case 0x0B: // regex: two C strings
		a := bytes.IndexByte(b, 0)
		if a < 0 {
			return -1, false
		}
		c := bytes.IndexByte(b[a+1:], 0)
		if c < 0 {
			return -1, false
		}
		return a + 1 + c + 1, false
	case 0x10: // int32
		return 4, false
	case 0x13: // decimal128
		return 16, false
	case 0x0C: // DBPointer
		if n := i32(); n >= 0 {
			return 4 + n + 12, false
		}
		return -1, false
	}
	return -1, false
}
