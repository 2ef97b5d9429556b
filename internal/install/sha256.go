package install

import (
	"encoding/binary"
	"math/bits"
)

// sha256Hash computes SHA-256 as FIPS 180-4 defines it, for the --sha256
// check of an archive. It is ours rather than crypto/sha256 because that
// links Go's FIPS 140 module (AES, GCM, a DRBG, SHA-3, SHA-512: 150 KB)
// whose package inits run on every start of the app, a plain plugin
// dispatch included; a checksum of a download needs none of it. The
// tests check it against crypto/sha256.
type sha256Hash struct {
	h   [8]uint32
	buf [sha256Block]byte
	n   int    // bytes in buf
	len uint64 // bytes written
}

const sha256Block = 64

// sha256Init is the initial hash value: the first 32 bits of the
// fractional parts of the square roots of the first 8 primes.
var sha256Init = [8]uint32{
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
}

// sha256K are the round constants: the first 32 bits of the fractional
// parts of the cube roots of the first 64 primes.
var sha256K = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

func newSHA256() *sha256Hash { return &sha256Hash{h: sha256Init} }

// Write adds p to the message; it never fails.
func (d *sha256Hash) Write(p []byte) (int, error) {
	n := len(p)
	d.len += uint64(n)
	if d.n > 0 {
		c := copy(d.buf[d.n:], p)
		d.n += c
		p = p[c:]
		if d.n < sha256Block {
			return n, nil
		}
		d.blocks(d.buf[:])
		d.n = 0
	}
	if full := len(p) &^ (sha256Block - 1); full > 0 {
		d.blocks(p[:full])
		p = p[full:]
	}
	d.n = copy(d.buf[:], p)
	return n, nil
}

// Sum returns the digest of the message written so far, leaving d as it
// is.
func (d *sha256Hash) Sum() [32]byte {
	t := *d
	// Padding: a 1 bit, zeros to 56 bytes mod 64, the length in bits.
	var pad [sha256Block + 8]byte
	pad[0] = 0x80
	k := (55 - int(t.len%sha256Block) + sha256Block) % sha256Block
	binary.BigEndian.PutUint64(pad[1+k:], t.len*8)
	t.Write(pad[:1+k+8])
	var sum [32]byte
	for i, v := range t.h {
		binary.BigEndian.PutUint32(sum[4*i:], v)
	}
	return sum
}

// blocks runs the compression function over p, a whole number of blocks.
func (d *sha256Hash) blocks(p []byte) {
	var w [64]uint32
	h0, h1, h2, h3, h4, h5, h6, h7 := d.h[0], d.h[1], d.h[2], d.h[3], d.h[4], d.h[5], d.h[6], d.h[7]
	for ; len(p) >= sha256Block; p = p[sha256Block:] {
		for i := range 16 {
			w[i] = binary.BigEndian.Uint32(p[4*i:])
		}
		for i := 16; i < 64; i++ {
			s0 := bits.RotateLeft32(w[i-15], -7) ^ bits.RotateLeft32(w[i-15], -18) ^ w[i-15]>>3
			s1 := bits.RotateLeft32(w[i-2], -17) ^ bits.RotateLeft32(w[i-2], -19) ^ w[i-2]>>10
			w[i] = w[i-16] + s0 + w[i-7] + s1
		}
		a, b, c, e, f, g, h := h0, h1, h2, h4, h5, h6, h7
		dd := h3
		for i := range 64 {
			t1 := h + (bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)) + (e&f ^ ^e&g) + sha256K[i] + w[i]
			t2 := (bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)) + (a&b ^ a&c ^ b&c)
			h, g, f, e = g, f, e, dd+t1
			dd, c, b, a = c, b, a, t1+t2
		}
		h0, h1, h2, h3, h4, h5, h6, h7 = h0+a, h1+b, h2+c, h3+dd, h4+e, h5+f, h6+g, h7+h
	}
	d.h = [8]uint32{h0, h1, h2, h3, h4, h5, h6, h7}
}
