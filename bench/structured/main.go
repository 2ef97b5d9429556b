// Command structured measures structured plugins for bench/structured.sh:
// rows from an external structured plugin (demoapp-stream, the numbers
// lister built alone) rendered by demoapp -f csv, against the same rows
// from the compiled-in lister, in one run. It prints the best wall time of
// each, the throughput ratio and the peak resident memory (of demoapp and
// its plugin) at two row counts; nothing is asserted.
//
//	go run ./bench/structured -bin DIR [-rows N] [-runs N]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

func main() {
	bin := flag.String("bin", "", "directory with demoapp and demoapp-stream (+ its manifest)")
	rows := flag.Int("rows", 1_000_000, "rows to list")
	runs := flag.Int("runs", 3, "runs of each variant (the best is kept)")
	flag.Parse()
	if *bin == "" {
		log.Fatal("-bin is required")
	}
	demoapp := filepath.Join(*bin, "demoapp")
	env := append(os.Environ(), "DEMOAPP_PLUGIN_PATH="+*bin)
	count := func(n int) string { return fmt.Sprint(n) }

	// The two commands must print the same bytes.
	small := [][]string{
		{"numbers", "list", "--count", "1000", "-f", "csv"},
		{"stream", "--count", "1000", "-f", "csv"},
	}
	a, b := output(demoapp, small[0], env), output(demoapp, small[1], env)
	if !bytes.Equal(a, b) {
		log.Fatal("the plugin's csv differs from the compiled-in lister's")
	}

	type result struct {
		secs float64
		rss  int64
	}
	measure := func(args []string) result {
		best := result{secs: 1e9}
		for range *runs {
			cmd := exec.Command(demoapp, args...)
			cmd.Env, cmd.Stdout, cmd.Stderr = env, io.Discard, os.Stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				log.Fatalf("%v: %v", args, err)
			}
			secs := time.Since(start).Seconds()
			rss := peakRSS(cmd.ProcessState)
			best.secs = min(best.secs, secs)
			best.rss = max(best.rss, rss)
		}
		return best
	}
	fmt.Printf("%d rows through -f csv, best of %d runs\n", *rows, *runs)
	var res [2][2]result
	for i, n := range []int{*rows / 10, *rows} {
		res[i][0] = measure([]string{"numbers", "list", "--count", count(n), "-f", "csv"})
		res[i][1] = measure([]string{"stream", "--count", count(n), "-f", "csv"})
		for j, name := range []string{"compiled-in lister  ", "structured plugin   "} {
			r := res[i][j]
			fmt.Printf("  %8d rows  %s %6.2fs  %6.0f krows/s  peak RSS %4d MiB\n", n, name, r.secs, float64(n)/r.secs/1000, r.rss/1024)
		}
	}
	fmt.Printf("throughput plugin / compiled-in at %d rows: %.2f (aim >= 0.5)\n", *rows, res[1][0].secs/res[1][1].secs)
	fmt.Printf("peak RSS plugin run, %d / %d rows: %.2f (flat: about 1)\n", *rows, *rows/10, float64(res[1][1].rss)/float64(res[0][1].rss))
	fmt.Printf("peak RSS plugin / compiled-in at %d rows: %.2f\n", *rows, float64(res[1][1].rss)/float64(res[1][0].rss))
}

func output(path string, args, env []string) []byte {
	cmd := exec.Command(path, args...)
	cmd.Env, cmd.Stderr = env, os.Stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("%v: %v", args, err)
	}
	return out
}
