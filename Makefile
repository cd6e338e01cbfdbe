.PHONY: run test validate bench static
run:       ## serve the dashboard on the bundled data
	bash scripts/run.sh
test:      ## install test tools and run the whole suite
	bash scripts/test.sh
validate:  ## check every data table
	.venv/bin/python -m dashboard validate
bench:     ## print performance figures (never fails on time)
	.venv/bin/python -m bench
static:    ## rebuild the shipped map topology from the npm registry
	bash scripts/build_static.sh
