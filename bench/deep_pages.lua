-- wrk script: every request asks a random page number between 2 and the last page of the
-- statistics table, so that (nearly) every URL is a first visit that no page cache can
-- answer. The last page comes from the environment: LAST_PAGE=40000 wrk -s deep_pages.lua
local last = tonumber(os.getenv("LAST_PAGE") or "40000")

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

function init(args)
  math.randomseed(seed)
end

function request()
  return wrk.format("GET", "/statistics/?page=" .. math.random(2, last))
end
