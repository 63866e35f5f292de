docker stop cron
docker rm cron
docker stop web
docker rm web
docker stop db
docker rm db
docker run -d --name=db postgres:17
docker run -d --name=web --env=A=1 --link=db megacorp/webapp:3
docker run -d --name=worker megacorp/worker
