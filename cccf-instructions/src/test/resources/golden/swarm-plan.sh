docker service rm cron
docker service rm db
docker service create --name=db postgres:17
docker service update --image=megacorp/webapp:3 --env-add=A=1 web
docker service create --name=worker megacorp/worker
