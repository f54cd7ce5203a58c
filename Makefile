# The two commands a contributor needs; each installs whatever is missing first.
.PHONY: demo test setup tools bundle

demo:   ## scan the bundled insecure example app and print the findings
	bash scripts/demo.sh

test:   ## install what is missing, then run every test suite
	bash scripts/test.sh

setup:  ## only the set-up (npm dependencies, pinned tools, Node 24)
	bash scripts/setup.sh

tools:  ## only (re)build the pinned tools into .tools/bin
	bash scripts/build-tools.sh

bundle: ## regenerate dist/
	npm run bundle
