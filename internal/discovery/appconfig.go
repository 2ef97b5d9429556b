package discovery

import (
	"fmt"
	"reflect"
	"regexp"
	"sync"

	"go.yaml.in/yaml/v3"
)

// longshoreKeys are the top-level config keys Longshore reads (see
// ParseConfig); every other top-level key is the app's.
var longshoreKeys = []string{"plugins", "aliases", "defaults", "pager"}

// wrapperField matches yaml's message for an unknown key; compiled on
// first use, not at every run's init.
var wrapperField = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`field (\S+) not found in type .*$`) })

// DecodeApp decodes the app's own top-level keys (all but Longshore's)
// into v, a non-nil pointer to a struct whose fields carry yaml tags. A key
// v has no field for, or a value of the wrong type, is an error naming
// path:line, as for the rest of the file. A missing file leaves v as it is.
func (c *Config) DecodeApp(v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("decode app config: want a non-nil pointer to a struct, got %T", v)
	}
	if c == nil || len(c.data) == 0 {
		return nil
	}
	// The app's struct inline, beside a field per Longshore key, so that
	// one strict decode of the whole file sees every key with its line.
	fields := []reflect.StructField{{Name: "App", Type: rv.Elem().Type(), Tag: `yaml:",inline"`}}
	for i, k := range longshoreKeys {
		fields = append(fields, reflect.StructField{
			Name: fmt.Sprintf("Longshore%d", i), Type: reflect.TypeFor[yaml.Node](), Tag: reflect.StructTag(`yaml:"` + k + `"`),
		})
	}
	wrapper := reflect.New(reflect.StructOf(fields))
	wrapper.Elem().Field(0).Set(rv.Elem())
	if err := decodeStrict(c.Path, c.data, wrapper.Interface()); err != nil {
		// yaml names the generated wrapper type; name the key instead.
		if m := wrapperField().FindStringSubmatchIndex(err.Error()); m != nil {
			msg := err.Error()
			return fmt.Errorf("config: %sunknown key %q", msg[:m[0]], msg[m[2]:m[3]])
		}
		return fmt.Errorf("config: %w", err)
	}
	rv.Elem().Set(wrapper.Elem().Field(0))
	return nil
}
