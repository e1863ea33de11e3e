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

// writeLock lets one write command at a time reach FerretDB (see main.go).
var writeLock sync.Mutex

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
	holding := false

	release := func() {
		if holding {
			holding = false
			writeLock.Unlock()
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
		write, expectsReply := classify(msg)
		if write {
			writeLock.Lock()
			holding = true
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

// classify tells whether a message is a write command and whether it expects a
// reply. Only OP_MSG is parsed: the command name is the first key of the body.
func classify(msg []byte) (write bool, expectsReply bool) {
	opCode := binary.LittleEndian.Uint32(msg[12:16])
	if opCode != opMsg || len(msg) < headerBytes+4+1+4+2 {
		return true, true
	}
	flags := binary.LittleEndian.Uint32(msg[16:20])
	expectsReply = flags&moreToCome == 0
	// Section kind 0 (the body) starts at byte 20; then a BSON document:
	// int32 length, element type byte, key as a C string.
	if msg[20] != 0 {
		return true, expectsReply
	}
	doc := msg[21:]
	if len(doc) < 6 {
		return true, expectsReply
	}
	key := doc[5:]
	end := bytes.IndexByte(key, 0)
	if end < 0 {
		return true, expectsReply
	}
	return !readCommands[string(key[:end])], expectsReply
}
