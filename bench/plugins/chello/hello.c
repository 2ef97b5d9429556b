/* A hello plugin in C, linked statically by bench/plugins.sh, so that the
 * plugin's own start-up does not dilute the dispatch ratios. */
#include <stdio.h>

int main(void) {
	fputs("Hello, world!\n", stdout);
	return 0;
}
