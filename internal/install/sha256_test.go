package install

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

func TestSHA256Vectors(t *testing.T) {
	for in, want := range map[string]string{
		"":    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"abc": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq": "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	} {
		d := newSHA256()
		d.Write([]byte(in))
		if sum := d.Sum(); hex.EncodeToString(sum[:]) != want {
			t.Errorf("sha256(%q) = %x, want %s", in, sum, want)
		}
	}
}

// TestSHA256MatchesCrypto checks every length across several blocks,
// written whole and in random pieces, against crypto/sha256.
func TestSHA256MatchesCrypto(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 1<<20+77)
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	lengths := []int{len(data), 1 << 16, 1<<16 + 1}
	for n := range 300 {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		msg := data[:n]
		want := sha256.Sum256(msg)
		whole := newSHA256()
		whole.Write(msg)
		pieces := newSHA256()
		for p := msg; len(p) > 0; {
			k := min(len(p), rng.IntN(150))
			pieces.Write(p[:k])
			p = p[k:]
		}
		if got := whole.Sum(); got != want {
			t.Fatalf("length %d: %x, want %x", n, got, want)
		}
		if got := pieces.Sum(); got != want {
			t.Fatalf("length %d in pieces: %x, want %x", n, got, want)
		}
	}
}

func FuzzSHA256(f *testing.F) {
	f.Add([]byte("abc"), 3)
	f.Add(make([]byte, 200), 64)
	f.Fuzz(func(t *testing.T, msg []byte, split int) {
		d := newSHA256()
		if split >= 0 && split <= len(msg) {
			d.Write(msg[:split])
			d.Write(msg[split:])
		} else {
			d.Write(msg)
		}
		if got, want := d.Sum(), sha256.Sum256(msg); got != want {
			t.Fatalf("%x, want %x", got, want)
		}
	})
}
