docker -H=unix:///var/run/docker.sock service create --name=db --constraint=node.labels.disk==ssd '--env=POSTGRES_PASSWORD=it'\''s $(not run)' --mount=type=volume,source=pgdata,target=/var/lib/postgresql/data --container-label=tier=data --restart-condition=any --limit-memory=1g postgres:16
docker -H=tcp://10.0.0.3:2375 service create --name=web --replicas=2 --publish=80:8080 --publish=53:53/udp --env=FOO=BAR '--env=PRICE=$5 or 100%' --mount=type=bind,source=/srv/static,target=/static,readonly --cap-add=NET_ADMIN --read-only '--health-cmd=curl -f http://localhost:8080/ || exit 1' --health-interval=30s --replicas-max-per-node=1 megacorp/webapp:2 python server.py --greeting 'hello world'
docker service create --name=agent --mode=global monitor sh -c 'echo $HOSTNAME; sleep 1; echo "done" ;'
# warning: web.expose: [unsupported-field] services have no exposed ports; expose is left out
# warning: web.links: [unsupported-field] services have no links (use a network); links are left out
