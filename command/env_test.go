package command

import (
	"errors"
	"os"
	"testing"
)

func TestEnvOf(t *testing.T) {
	env := EnvOf("A=1", "B=", "A=2")
	if v, ok := env.LookupEnv("A"); v != "2" || !ok {
		t.Errorf("LookupEnv(A) = %q, %v: the last value wins", v, ok)
	}
	if v, ok := env.LookupEnv("B"); v != "" || !ok {
		t.Errorf("LookupEnv(B) = %q, %v: set and empty", v, ok)
	}
	if _, ok := env.LookupEnv("HOME"); ok {
		t.Error("EnvOf leaks the process's environment")
	}
	if got := env.Environ(); len(got) != 3 {
		t.Errorf("Environ = %q", got)
	}
	var zero Env
	if zero.Getenv("PATH") != os.Getenv("PATH") {
		t.Error("the zero Env is not the process's")
	}
}

func TestAppConfigZero(t *testing.T) {
	v := struct{ File string }{File: "kept"}
	if err := (AppConfig{}).Decode(&v); err != nil || v.File != "kept" {
		t.Fatalf("zero AppConfig: %v, %+v", err, v)
	}
	bad := errors.New("bad")
	if err := NewAppConfig(func(any) error { return bad }).Decode(&v); err != bad {
		t.Fatalf("Decode = %v, want the decoder's error", err)
	}
}
