module.exports = (...a) => console.log(new Date().toISOString(), ...a);
