import Fastify from 'fastify'

/**
 * The baseline for the submit benchmark: Fastify (the local server's HTTP
 * library, same version, same body limit) answering a JSON POST with a
 * constant envelope, in a process of its own like the real server.
 */
const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 })
app.post('/api/hello', async () => ({ ok: true, data: { hello: '你好' } }))
app.listen({ port: 0, host: '127.0.0.1' }).then((address) => console.log(`listening on ${address}`))
