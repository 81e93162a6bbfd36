_credctl() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="credctl"
                ;;
            credctl,apikey)
                cmd="credctl__subcmd__apikey"
                ;;
            credctl,audit)
                cmd="credctl__subcmd__audit"
                ;;
            credctl,backup)
                cmd="credctl__subcmd__backup"
                ;;
            credctl,bundle)
                cmd="credctl__subcmd__bundle"
                ;;
            credctl,ca)
                cmd="credctl__subcmd__ca"
                ;;
            credctl,cert)
                cmd="credctl__subcmd__cert"
                ;;
            credctl,crl)
                cmd="credctl__subcmd__crl"
                ;;
            credctl,dev)
                cmd="credctl__subcmd__dev"
                ;;
            credctl,edge)
                cmd="credctl__subcmd__edge"
                ;;
            credctl,export)
                cmd="credctl__subcmd__export"
                ;;
            credctl,help)
                cmd="credctl__subcmd__help"
                ;;
            credctl,hub)
                cmd="credctl__subcmd__hub"
                ;;
            credctl,import)
                cmd="credctl__subcmd__import"
                ;;
            credctl,init)
                cmd="credctl__subcmd__init"
                ;;
            credctl,nats)
                cmd="credctl__subcmd__nats"
                ;;
            credctl,passwd)
                cmd="credctl__subcmd__passwd"
                ;;
            credctl,request)
                cmd="credctl__subcmd__request"
                ;;
            credctl,restore)
                cmd="credctl__subcmd__restore"
                ;;
            credctl,rotate)
                cmd="credctl__subcmd__rotate"
                ;;
            credctl,status)
                cmd="credctl__subcmd__status"
                ;;
            credctl,token)
                cmd="credctl__subcmd__token"
                ;;
            credctl,verify-online)
                cmd="credctl__subcmd__verify__subcmd__online"
                ;;
            credctl__subcmd__apikey,create)
                cmd="credctl__subcmd__apikey__subcmd__create"
                ;;
            credctl__subcmd__apikey,help)
                cmd="credctl__subcmd__apikey__subcmd__help"
                ;;
            credctl__subcmd__apikey,list)
                cmd="credctl__subcmd__apikey__subcmd__list"
                ;;
            credctl__subcmd__apikey,revoke)
                cmd="credctl__subcmd__apikey__subcmd__revoke"
                ;;
            credctl__subcmd__apikey,verify)
                cmd="credctl__subcmd__apikey__subcmd__verify"
                ;;
            credctl__subcmd__apikey__subcmd__help,create)
                cmd="credctl__subcmd__apikey__subcmd__help__subcmd__create"
                ;;
            credctl__subcmd__apikey__subcmd__help,help)
                cmd="credctl__subcmd__apikey__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__apikey__subcmd__help,list)
                cmd="credctl__subcmd__apikey__subcmd__help__subcmd__list"
                ;;
            credctl__subcmd__apikey__subcmd__help,revoke)
                cmd="credctl__subcmd__apikey__subcmd__help__subcmd__revoke"
                ;;
            credctl__subcmd__apikey__subcmd__help,verify)
                cmd="credctl__subcmd__apikey__subcmd__help__subcmd__verify"
                ;;
            credctl__subcmd__audit,export)
                cmd="credctl__subcmd__audit__subcmd__export"
                ;;
            credctl__subcmd__audit,help)
                cmd="credctl__subcmd__audit__subcmd__help"
                ;;
            credctl__subcmd__audit,log)
                cmd="credctl__subcmd__audit__subcmd__log"
                ;;
            credctl__subcmd__audit,sign)
                cmd="credctl__subcmd__audit__subcmd__sign"
                ;;
            credctl__subcmd__audit,verify)
                cmd="credctl__subcmd__audit__subcmd__verify"
                ;;
            credctl__subcmd__audit,verify-export)
                cmd="credctl__subcmd__audit__subcmd__verify__subcmd__export"
                ;;
            credctl__subcmd__audit__subcmd__help,export)
                cmd="credctl__subcmd__audit__subcmd__help__subcmd__export"
                ;;
            credctl__subcmd__audit__subcmd__help,help)
                cmd="credctl__subcmd__audit__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__audit__subcmd__help,log)
                cmd="credctl__subcmd__audit__subcmd__help__subcmd__log"
                ;;
            credctl__subcmd__audit__subcmd__help,sign)
                cmd="credctl__subcmd__audit__subcmd__help__subcmd__sign"
                ;;
            credctl__subcmd__audit__subcmd__help,verify)
                cmd="credctl__subcmd__audit__subcmd__help__subcmd__verify"
                ;;
            credctl__subcmd__audit__subcmd__help,verify-export)
                cmd="credctl__subcmd__audit__subcmd__help__subcmd__verify__subcmd__export"
                ;;
            credctl__subcmd__bundle,help)
                cmd="credctl__subcmd__bundle__subcmd__help"
                ;;
            credctl__subcmd__bundle,import)
                cmd="credctl__subcmd__bundle__subcmd__import"
                ;;
            credctl__subcmd__bundle__subcmd__help,help)
                cmd="credctl__subcmd__bundle__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__bundle__subcmd__help,import)
                cmd="credctl__subcmd__bundle__subcmd__help__subcmd__import"
                ;;
            credctl__subcmd__ca,add-identity)
                cmd="credctl__subcmd__ca__subcmd__add__subcmd__identity"
                ;;
            credctl__subcmd__ca,custodians)
                cmd="credctl__subcmd__ca__subcmd__custodians"
                ;;
            credctl__subcmd__ca,export)
                cmd="credctl__subcmd__ca__subcmd__export"
                ;;
            credctl__subcmd__ca,help)
                cmd="credctl__subcmd__ca__subcmd__help"
                ;;
            credctl__subcmd__ca,passwd)
                cmd="credctl__subcmd__ca__subcmd__passwd"
                ;;
            credctl__subcmd__ca,profiles)
                cmd="credctl__subcmd__ca__subcmd__profiles"
                ;;
            credctl__subcmd__ca,remove-custodian)
                cmd="credctl__subcmd__ca__subcmd__remove__subcmd__custodian"
                ;;
            credctl__subcmd__ca,renew)
                cmd="credctl__subcmd__ca__subcmd__renew"
                ;;
            credctl__subcmd__ca,settings)
                cmd="credctl__subcmd__ca__subcmd__settings"
                ;;
            credctl__subcmd__ca,show)
                cmd="credctl__subcmd__ca__subcmd__show"
                ;;
            credctl__subcmd__ca,split)
                cmd="credctl__subcmd__ca__subcmd__split"
                ;;
            credctl__subcmd__ca__subcmd__help,add-identity)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__add__subcmd__identity"
                ;;
            credctl__subcmd__ca__subcmd__help,custodians)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__custodians"
                ;;
            credctl__subcmd__ca__subcmd__help,export)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__export"
                ;;
            credctl__subcmd__ca__subcmd__help,help)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__ca__subcmd__help,passwd)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__passwd"
                ;;
            credctl__subcmd__ca__subcmd__help,profiles)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__profiles"
                ;;
            credctl__subcmd__ca__subcmd__help,remove-custodian)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__remove__subcmd__custodian"
                ;;
            credctl__subcmd__ca__subcmd__help,renew)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__renew"
                ;;
            credctl__subcmd__ca__subcmd__help,settings)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__settings"
                ;;
            credctl__subcmd__ca__subcmd__help,show)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__show"
                ;;
            credctl__subcmd__ca__subcmd__help,split)
                cmd="credctl__subcmd__ca__subcmd__help__subcmd__split"
                ;;
            credctl__subcmd__cert,export)
                cmd="credctl__subcmd__cert__subcmd__export"
                ;;
            credctl__subcmd__cert,help)
                cmd="credctl__subcmd__cert__subcmd__help"
                ;;
            credctl__subcmd__cert,issue)
                cmd="credctl__subcmd__cert__subcmd__issue"
                ;;
            credctl__subcmd__cert,list)
                cmd="credctl__subcmd__cert__subcmd__list"
                ;;
            credctl__subcmd__cert,renew)
                cmd="credctl__subcmd__cert__subcmd__renew"
                ;;
            credctl__subcmd__cert,revoke)
                cmd="credctl__subcmd__cert__subcmd__revoke"
                ;;
            credctl__subcmd__cert,show)
                cmd="credctl__subcmd__cert__subcmd__show"
                ;;
            credctl__subcmd__cert,sign)
                cmd="credctl__subcmd__cert__subcmd__sign"
                ;;
            credctl__subcmd__cert,verify)
                cmd="credctl__subcmd__cert__subcmd__verify"
                ;;
            credctl__subcmd__cert__subcmd__help,export)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__export"
                ;;
            credctl__subcmd__cert__subcmd__help,help)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__cert__subcmd__help,issue)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__issue"
                ;;
            credctl__subcmd__cert__subcmd__help,list)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__list"
                ;;
            credctl__subcmd__cert__subcmd__help,renew)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__renew"
                ;;
            credctl__subcmd__cert__subcmd__help,revoke)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__revoke"
                ;;
            credctl__subcmd__cert__subcmd__help,show)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__show"
                ;;
            credctl__subcmd__cert__subcmd__help,sign)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__sign"
                ;;
            credctl__subcmd__cert__subcmd__help,verify)
                cmd="credctl__subcmd__cert__subcmd__help__subcmd__verify"
                ;;
            credctl__subcmd__dev,add)
                cmd="credctl__subcmd__dev__subcmd__add"
                ;;
            credctl__subcmd__dev,help)
                cmd="credctl__subcmd__dev__subcmd__help"
                ;;
            credctl__subcmd__dev,list)
                cmd="credctl__subcmd__dev__subcmd__list"
                ;;
            credctl__subcmd__dev,remove)
                cmd="credctl__subcmd__dev__subcmd__remove"
                ;;
            credctl__subcmd__dev__subcmd__help,add)
                cmd="credctl__subcmd__dev__subcmd__help__subcmd__add"
                ;;
            credctl__subcmd__dev__subcmd__help,help)
                cmd="credctl__subcmd__dev__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__dev__subcmd__help,list)
                cmd="credctl__subcmd__dev__subcmd__help__subcmd__list"
                ;;
            credctl__subcmd__dev__subcmd__help,remove)
                cmd="credctl__subcmd__dev__subcmd__help__subcmd__remove"
                ;;
            credctl__subcmd__edge,add)
                cmd="credctl__subcmd__edge__subcmd__add"
                ;;
            credctl__subcmd__edge,help)
                cmd="credctl__subcmd__edge__subcmd__help"
                ;;
            credctl__subcmd__edge,remove)
                cmd="credctl__subcmd__edge__subcmd__remove"
                ;;
            credctl__subcmd__edge__subcmd__help,add)
                cmd="credctl__subcmd__edge__subcmd__help__subcmd__add"
                ;;
            credctl__subcmd__edge__subcmd__help,help)
                cmd="credctl__subcmd__edge__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__edge__subcmd__help,remove)
                cmd="credctl__subcmd__edge__subcmd__help__subcmd__remove"
                ;;
            credctl__subcmd__help,apikey)
                cmd="credctl__subcmd__help__subcmd__apikey"
                ;;
            credctl__subcmd__help,audit)
                cmd="credctl__subcmd__help__subcmd__audit"
                ;;
            credctl__subcmd__help,backup)
                cmd="credctl__subcmd__help__subcmd__backup"
                ;;
            credctl__subcmd__help,bundle)
                cmd="credctl__subcmd__help__subcmd__bundle"
                ;;
            credctl__subcmd__help,ca)
                cmd="credctl__subcmd__help__subcmd__ca"
                ;;
            credctl__subcmd__help,cert)
                cmd="credctl__subcmd__help__subcmd__cert"
                ;;
            credctl__subcmd__help,crl)
                cmd="credctl__subcmd__help__subcmd__crl"
                ;;
            credctl__subcmd__help,dev)
                cmd="credctl__subcmd__help__subcmd__dev"
                ;;
            credctl__subcmd__help,edge)
                cmd="credctl__subcmd__help__subcmd__edge"
                ;;
            credctl__subcmd__help,export)
                cmd="credctl__subcmd__help__subcmd__export"
                ;;
            credctl__subcmd__help,help)
                cmd="credctl__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__help,hub)
                cmd="credctl__subcmd__help__subcmd__hub"
                ;;
            credctl__subcmd__help,import)
                cmd="credctl__subcmd__help__subcmd__import"
                ;;
            credctl__subcmd__help,init)
                cmd="credctl__subcmd__help__subcmd__init"
                ;;
            credctl__subcmd__help,nats)
                cmd="credctl__subcmd__help__subcmd__nats"
                ;;
            credctl__subcmd__help,passwd)
                cmd="credctl__subcmd__help__subcmd__passwd"
                ;;
            credctl__subcmd__help,request)
                cmd="credctl__subcmd__help__subcmd__request"
                ;;
            credctl__subcmd__help,restore)
                cmd="credctl__subcmd__help__subcmd__restore"
                ;;
            credctl__subcmd__help,rotate)
                cmd="credctl__subcmd__help__subcmd__rotate"
                ;;
            credctl__subcmd__help,status)
                cmd="credctl__subcmd__help__subcmd__status"
                ;;
            credctl__subcmd__help,token)
                cmd="credctl__subcmd__help__subcmd__token"
                ;;
            credctl__subcmd__help,verify-online)
                cmd="credctl__subcmd__help__subcmd__verify__subcmd__online"
                ;;
            credctl__subcmd__help__subcmd__apikey,create)
                cmd="credctl__subcmd__help__subcmd__apikey__subcmd__create"
                ;;
            credctl__subcmd__help__subcmd__apikey,list)
                cmd="credctl__subcmd__help__subcmd__apikey__subcmd__list"
                ;;
            credctl__subcmd__help__subcmd__apikey,revoke)
                cmd="credctl__subcmd__help__subcmd__apikey__subcmd__revoke"
                ;;
            credctl__subcmd__help__subcmd__apikey,verify)
                cmd="credctl__subcmd__help__subcmd__apikey__subcmd__verify"
                ;;
            credctl__subcmd__help__subcmd__audit,export)
                cmd="credctl__subcmd__help__subcmd__audit__subcmd__export"
                ;;
            credctl__subcmd__help__subcmd__audit,log)
                cmd="credctl__subcmd__help__subcmd__audit__subcmd__log"
                ;;
            credctl__subcmd__help__subcmd__audit,sign)
                cmd="credctl__subcmd__help__subcmd__audit__subcmd__sign"
                ;;
            credctl__subcmd__help__subcmd__audit,verify)
                cmd="credctl__subcmd__help__subcmd__audit__subcmd__verify"
                ;;
            credctl__subcmd__help__subcmd__audit,verify-export)
                cmd="credctl__subcmd__help__subcmd__audit__subcmd__verify__subcmd__export"
                ;;
            credctl__subcmd__help__subcmd__bundle,import)
                cmd="credctl__subcmd__help__subcmd__bundle__subcmd__import"
                ;;
            credctl__subcmd__help__subcmd__ca,add-identity)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__add__subcmd__identity"
                ;;
            credctl__subcmd__help__subcmd__ca,custodians)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__custodians"
                ;;
            credctl__subcmd__help__subcmd__ca,export)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__export"
                ;;
            credctl__subcmd__help__subcmd__ca,passwd)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__passwd"
                ;;
            credctl__subcmd__help__subcmd__ca,profiles)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__profiles"
                ;;
            credctl__subcmd__help__subcmd__ca,remove-custodian)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__remove__subcmd__custodian"
                ;;
            credctl__subcmd__help__subcmd__ca,renew)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__renew"
                ;;
            credctl__subcmd__help__subcmd__ca,settings)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__settings"
                ;;
            credctl__subcmd__help__subcmd__ca,show)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__show"
                ;;
            credctl__subcmd__help__subcmd__ca,split)
                cmd="credctl__subcmd__help__subcmd__ca__subcmd__split"
                ;;
            credctl__subcmd__help__subcmd__cert,export)
                cmd="credctl__subcmd__help__subcmd__cert__subcmd__export"
                ;;
            credctl__subcmd__help__subcmd__cert,issue)
                cmd="credctl__subcmd__help__subcmd__cert__subcmd__issue"
                ;;
            credctl__subcmd__help__subcmd__cert,list)
                cmd="credctl__subcmd__help__subcmd__cert__subcmd__list"
                ;;
            credctl__subcmd__help__subcmd__cert,renew)
                cmd="credctl__subcmd__help__subcmd__cert__subcmd__renew"
                ;;
            credctl__subcmd__help__subcmd__cert,revoke)
                cmd="credctl__subcmd__help__subcmd__cert__subcmd__revoke"
                ;;
            credctl__subcmd__help__subcmd__cert,show)
                cmd="credctl__subcmd__help__subcmd__cert__subcmd__show"
                ;;
            credctl__subcmd__help__subcmd__cert,sign)
                cmd="credctl__subcmd__help__subcmd__cert__subcmd__sign"
                ;;
            credctl__subcmd__help__subcmd__cert,verify)
                cmd="credctl__subcmd__help__subcmd__cert__subcmd__verify"
                ;;
            credctl__subcmd__help__subcmd__dev,add)
                cmd="credctl__subcmd__help__subcmd__dev__subcmd__add"
                ;;
            credctl__subcmd__help__subcmd__dev,list)
                cmd="credctl__subcmd__help__subcmd__dev__subcmd__list"
                ;;
            credctl__subcmd__help__subcmd__dev,remove)
                cmd="credctl__subcmd__help__subcmd__dev__subcmd__remove"
                ;;
            credctl__subcmd__help__subcmd__edge,add)
                cmd="credctl__subcmd__help__subcmd__edge__subcmd__add"
                ;;
            credctl__subcmd__help__subcmd__edge,remove)
                cmd="credctl__subcmd__help__subcmd__edge__subcmd__remove"
                ;;
            credctl__subcmd__help__subcmd__hub,account-limits)
                cmd="credctl__subcmd__help__subcmd__hub__subcmd__account__subcmd__limits"
                ;;
            credctl__subcmd__help__subcmd__hub,import)
                cmd="credctl__subcmd__help__subcmd__hub__subcmd__import"
                ;;
            credctl__subcmd__help__subcmd__hub,init)
                cmd="credctl__subcmd__help__subcmd__hub__subcmd__init"
                ;;
            credctl__subcmd__help__subcmd__hub,jetstream-key)
                cmd="credctl__subcmd__help__subcmd__hub__subcmd__jetstream__subcmd__key"
                ;;
            credctl__subcmd__help__subcmd__hub,reload)
                cmd="credctl__subcmd__help__subcmd__hub__subcmd__reload"
                ;;
            credctl__subcmd__help__subcmd__hub,render)
                cmd="credctl__subcmd__help__subcmd__hub__subcmd__render"
                ;;
            credctl__subcmd__help__subcmd__import,easy-rsa)
                cmd="credctl__subcmd__help__subcmd__import__subcmd__easy__subcmd__rsa"
                ;;
            credctl__subcmd__help__subcmd__import,nsc)
                cmd="credctl__subcmd__help__subcmd__import__subcmd__nsc"
                ;;
            credctl__subcmd__help__subcmd__nats,account)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account"
                ;;
            credctl__subcmd__help__subcmd__nats,describe)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__describe"
                ;;
            credctl__subcmd__help__subcmd__nats,export)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__export"
                ;;
            credctl__subcmd__help__subcmd__nats,init)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__init"
                ;;
            credctl__subcmd__help__subcmd__nats,operator)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__operator"
                ;;
            credctl__subcmd__help__subcmd__nats,push)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__push"
                ;;
            credctl__subcmd__help__subcmd__nats,resolver)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__resolver"
                ;;
            credctl__subcmd__help__subcmd__nats,user)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__user"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account,add)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__add"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account,export)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account,import)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account,revoke)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__revoke"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account,rotate-signing-key)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__rotate__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account,signing-key)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export,activate)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__activate"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export,add)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__add"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export,list)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__list"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export,revoke-activation)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__revoke__subcmd__activation"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export,rm)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__rm"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import,add)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import__subcmd__add"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import,list)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import__subcmd__list"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import,rm)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import__subcmd__rm"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,add)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__add"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,edit)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__edit"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,list)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__list"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,rm)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__rm"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,rotate)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__rotate"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__operator,signing-key)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__operator__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__user,add)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__user__subcmd__add"
                ;;
            credctl__subcmd__help__subcmd__nats__subcmd__user,revoke)
                cmd="credctl__subcmd__help__subcmd__nats__subcmd__user__subcmd__revoke"
                ;;
            credctl__subcmd__help__subcmd__passwd,hash)
                cmd="credctl__subcmd__help__subcmd__passwd__subcmd__hash"
                ;;
            credctl__subcmd__help__subcmd__request,create)
                cmd="credctl__subcmd__help__subcmd__request__subcmd__create"
                ;;
            credctl__subcmd__help__subcmd__rotate,certs)
                cmd="credctl__subcmd__help__subcmd__rotate__subcmd__certs"
                ;;
            credctl__subcmd__help__subcmd__rotate,nats-users)
                cmd="credctl__subcmd__help__subcmd__rotate__subcmd__nats__subcmd__users"
                ;;
            credctl__subcmd__help__subcmd__rotate,passwords)
                cmd="credctl__subcmd__help__subcmd__rotate__subcmd__passwords"
                ;;
            credctl__subcmd__help__subcmd__token,jwks)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__jwks"
                ;;
            credctl__subcmd__help__subcmd__token,key)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__key"
                ;;
            credctl__subcmd__help__subcmd__token,mint)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__mint"
                ;;
            credctl__subcmd__help__subcmd__token,redeem)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__redeem"
                ;;
            credctl__subcmd__help__subcmd__token,register)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__register"
                ;;
            credctl__subcmd__help__subcmd__token,verify)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__verify"
                ;;
            credctl__subcmd__help__subcmd__token__subcmd__key,add)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__key__subcmd__add"
                ;;
            credctl__subcmd__help__subcmd__token__subcmd__key,list)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__key__subcmd__list"
                ;;
            credctl__subcmd__help__subcmd__token__subcmd__key,retire)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__key__subcmd__retire"
                ;;
            credctl__subcmd__help__subcmd__token__subcmd__key,rotate)
                cmd="credctl__subcmd__help__subcmd__token__subcmd__key__subcmd__rotate"
                ;;
            credctl__subcmd__hub,account-limits)
                cmd="credctl__subcmd__hub__subcmd__account__subcmd__limits"
                ;;
            credctl__subcmd__hub,help)
                cmd="credctl__subcmd__hub__subcmd__help"
                ;;
            credctl__subcmd__hub,import)
                cmd="credctl__subcmd__hub__subcmd__import"
                ;;
            credctl__subcmd__hub,init)
                cmd="credctl__subcmd__hub__subcmd__init"
                ;;
            credctl__subcmd__hub,jetstream-key)
                cmd="credctl__subcmd__hub__subcmd__jetstream__subcmd__key"
                ;;
            credctl__subcmd__hub,reload)
                cmd="credctl__subcmd__hub__subcmd__reload"
                ;;
            credctl__subcmd__hub,render)
                cmd="credctl__subcmd__hub__subcmd__render"
                ;;
            credctl__subcmd__hub__subcmd__help,account-limits)
                cmd="credctl__subcmd__hub__subcmd__help__subcmd__account__subcmd__limits"
                ;;
            credctl__subcmd__hub__subcmd__help,help)
                cmd="credctl__subcmd__hub__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__hub__subcmd__help,import)
                cmd="credctl__subcmd__hub__subcmd__help__subcmd__import"
                ;;
            credctl__subcmd__hub__subcmd__help,init)
                cmd="credctl__subcmd__hub__subcmd__help__subcmd__init"
                ;;
            credctl__subcmd__hub__subcmd__help,jetstream-key)
                cmd="credctl__subcmd__hub__subcmd__help__subcmd__jetstream__subcmd__key"
                ;;
            credctl__subcmd__hub__subcmd__help,reload)
                cmd="credctl__subcmd__hub__subcmd__help__subcmd__reload"
                ;;
            credctl__subcmd__hub__subcmd__help,render)
                cmd="credctl__subcmd__hub__subcmd__help__subcmd__render"
                ;;
            credctl__subcmd__import,easy-rsa)
                cmd="credctl__subcmd__import__subcmd__easy__subcmd__rsa"
                ;;
            credctl__subcmd__import,help)
                cmd="credctl__subcmd__import__subcmd__help"
                ;;
            credctl__subcmd__import,nsc)
                cmd="credctl__subcmd__import__subcmd__nsc"
                ;;
            credctl__subcmd__import__subcmd__help,easy-rsa)
                cmd="credctl__subcmd__import__subcmd__help__subcmd__easy__subcmd__rsa"
                ;;
            credctl__subcmd__import__subcmd__help,help)
                cmd="credctl__subcmd__import__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__import__subcmd__help,nsc)
                cmd="credctl__subcmd__import__subcmd__help__subcmd__nsc"
                ;;
            credctl__subcmd__nats,account)
                cmd="credctl__subcmd__nats__subcmd__account"
                ;;
            credctl__subcmd__nats,describe)
                cmd="credctl__subcmd__nats__subcmd__describe"
                ;;
            credctl__subcmd__nats,export)
                cmd="credctl__subcmd__nats__subcmd__export"
                ;;
            credctl__subcmd__nats,help)
                cmd="credctl__subcmd__nats__subcmd__help"
                ;;
            credctl__subcmd__nats,init)
                cmd="credctl__subcmd__nats__subcmd__init"
                ;;
            credctl__subcmd__nats,operator)
                cmd="credctl__subcmd__nats__subcmd__operator"
                ;;
            credctl__subcmd__nats,push)
                cmd="credctl__subcmd__nats__subcmd__push"
                ;;
            credctl__subcmd__nats,resolver)
                cmd="credctl__subcmd__nats__subcmd__resolver"
                ;;
            credctl__subcmd__nats,user)
                cmd="credctl__subcmd__nats__subcmd__user"
                ;;
            credctl__subcmd__nats__subcmd__account,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account,export)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export"
                ;;
            credctl__subcmd__nats__subcmd__account,help)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__account,import)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import"
                ;;
            credctl__subcmd__nats__subcmd__account,revoke)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__revoke"
                ;;
            credctl__subcmd__nats__subcmd__account,rotate-signing-key)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__rotate__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__account,signing-key)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export,activate)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__activate"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export,help)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export,revoke-activation)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__revoke__subcmd__activation"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help,activate)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__activate"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help,help)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help,revoke-activation)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__revoke__subcmd__activation"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help,export)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help,help)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help,import)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help,revoke)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__revoke"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help,rotate-signing-key)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__rotate__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help,signing-key)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export,activate)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__activate"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export,revoke-activation)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__revoke__subcmd__activation"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key,edit)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__edit"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key,rotate)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__rotate"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__import,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__import,help)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__import,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__import,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help,help)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,edit)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__edit"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,help)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key,rotate)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__rotate"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help,add)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help,edit)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__edit"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help,help)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help,list)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help,rm)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help,rotate)
                cmd="credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__rotate"
                ;;
            credctl__subcmd__nats__subcmd__help,account)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account"
                ;;
            credctl__subcmd__nats__subcmd__help,describe)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__describe"
                ;;
            credctl__subcmd__nats__subcmd__help,export)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__export"
                ;;
            credctl__subcmd__nats__subcmd__help,help)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__help,init)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__init"
                ;;
            credctl__subcmd__nats__subcmd__help,operator)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__operator"
                ;;
            credctl__subcmd__nats__subcmd__help,push)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__push"
                ;;
            credctl__subcmd__nats__subcmd__help,resolver)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__resolver"
                ;;
            credctl__subcmd__nats__subcmd__help,user)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__user"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account,add)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account,export)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account,import)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account,revoke)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__revoke"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account,rotate-signing-key)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__rotate__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account,signing-key)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export,activate)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__activate"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export,add)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export,list)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export,revoke-activation)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__revoke__subcmd__activation"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export,rm)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import,add)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import,list)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import,rm)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key,add)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key,edit)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__edit"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key,list)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__list"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key,rm)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__rm"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key,rotate)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__rotate"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__operator,signing-key)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__operator__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__user,add)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__user__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__help__subcmd__user,revoke)
                cmd="credctl__subcmd__nats__subcmd__help__subcmd__user__subcmd__revoke"
                ;;
            credctl__subcmd__nats__subcmd__operator,help)
                cmd="credctl__subcmd__nats__subcmd__operator__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__operator,signing-key)
                cmd="credctl__subcmd__nats__subcmd__operator__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__operator__subcmd__help,help)
                cmd="credctl__subcmd__nats__subcmd__operator__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__operator__subcmd__help,signing-key)
                cmd="credctl__subcmd__nats__subcmd__operator__subcmd__help__subcmd__signing__subcmd__key"
                ;;
            credctl__subcmd__nats__subcmd__user,add)
                cmd="credctl__subcmd__nats__subcmd__user__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__user,help)
                cmd="credctl__subcmd__nats__subcmd__user__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__user,revoke)
                cmd="credctl__subcmd__nats__subcmd__user__subcmd__revoke"
                ;;
            credctl__subcmd__nats__subcmd__user__subcmd__help,add)
                cmd="credctl__subcmd__nats__subcmd__user__subcmd__help__subcmd__add"
                ;;
            credctl__subcmd__nats__subcmd__user__subcmd__help,help)
                cmd="credctl__subcmd__nats__subcmd__user__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__nats__subcmd__user__subcmd__help,revoke)
                cmd="credctl__subcmd__nats__subcmd__user__subcmd__help__subcmd__revoke"
                ;;
            credctl__subcmd__passwd,hash)
                cmd="credctl__subcmd__passwd__subcmd__hash"
                ;;
            credctl__subcmd__passwd,help)
                cmd="credctl__subcmd__passwd__subcmd__help"
                ;;
            credctl__subcmd__passwd__subcmd__help,hash)
                cmd="credctl__subcmd__passwd__subcmd__help__subcmd__hash"
                ;;
            credctl__subcmd__passwd__subcmd__help,help)
                cmd="credctl__subcmd__passwd__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__request,create)
                cmd="credctl__subcmd__request__subcmd__create"
                ;;
            credctl__subcmd__request,help)
                cmd="credctl__subcmd__request__subcmd__help"
                ;;
            credctl__subcmd__request__subcmd__help,create)
                cmd="credctl__subcmd__request__subcmd__help__subcmd__create"
                ;;
            credctl__subcmd__request__subcmd__help,help)
                cmd="credctl__subcmd__request__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__rotate,certs)
                cmd="credctl__subcmd__rotate__subcmd__certs"
                ;;
            credctl__subcmd__rotate,help)
                cmd="credctl__subcmd__rotate__subcmd__help"
                ;;
            credctl__subcmd__rotate,nats-users)
                cmd="credctl__subcmd__rotate__subcmd__nats__subcmd__users"
                ;;
            credctl__subcmd__rotate,passwords)
                cmd="credctl__subcmd__rotate__subcmd__passwords"
                ;;
            credctl__subcmd__rotate__subcmd__help,certs)
                cmd="credctl__subcmd__rotate__subcmd__help__subcmd__certs"
                ;;
            credctl__subcmd__rotate__subcmd__help,help)
                cmd="credctl__subcmd__rotate__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__rotate__subcmd__help,nats-users)
                cmd="credctl__subcmd__rotate__subcmd__help__subcmd__nats__subcmd__users"
                ;;
            credctl__subcmd__rotate__subcmd__help,passwords)
                cmd="credctl__subcmd__rotate__subcmd__help__subcmd__passwords"
                ;;
            credctl__subcmd__token,help)
                cmd="credctl__subcmd__token__subcmd__help"
                ;;
            credctl__subcmd__token,jwks)
                cmd="credctl__subcmd__token__subcmd__jwks"
                ;;
            credctl__subcmd__token,key)
                cmd="credctl__subcmd__token__subcmd__key"
                ;;
            credctl__subcmd__token,mint)
                cmd="credctl__subcmd__token__subcmd__mint"
                ;;
            credctl__subcmd__token,redeem)
                cmd="credctl__subcmd__token__subcmd__redeem"
                ;;
            credctl__subcmd__token,register)
                cmd="credctl__subcmd__token__subcmd__register"
                ;;
            credctl__subcmd__token,verify)
                cmd="credctl__subcmd__token__subcmd__verify"
                ;;
            credctl__subcmd__token__subcmd__help,help)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__token__subcmd__help,jwks)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__jwks"
                ;;
            credctl__subcmd__token__subcmd__help,key)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__key"
                ;;
            credctl__subcmd__token__subcmd__help,mint)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__mint"
                ;;
            credctl__subcmd__token__subcmd__help,redeem)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__redeem"
                ;;
            credctl__subcmd__token__subcmd__help,register)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__register"
                ;;
            credctl__subcmd__token__subcmd__help,verify)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__verify"
                ;;
            credctl__subcmd__token__subcmd__help__subcmd__key,add)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__key__subcmd__add"
                ;;
            credctl__subcmd__token__subcmd__help__subcmd__key,list)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__key__subcmd__list"
                ;;
            credctl__subcmd__token__subcmd__help__subcmd__key,retire)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__key__subcmd__retire"
                ;;
            credctl__subcmd__token__subcmd__help__subcmd__key,rotate)
                cmd="credctl__subcmd__token__subcmd__help__subcmd__key__subcmd__rotate"
                ;;
            credctl__subcmd__token__subcmd__key,add)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__add"
                ;;
            credctl__subcmd__token__subcmd__key,help)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__help"
                ;;
            credctl__subcmd__token__subcmd__key,list)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__list"
                ;;
            credctl__subcmd__token__subcmd__key,retire)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__retire"
                ;;
            credctl__subcmd__token__subcmd__key,rotate)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__rotate"
                ;;
            credctl__subcmd__token__subcmd__key__subcmd__help,add)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__add"
                ;;
            credctl__subcmd__token__subcmd__key__subcmd__help,help)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__help"
                ;;
            credctl__subcmd__token__subcmd__key__subcmd__help,list)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__list"
                ;;
            credctl__subcmd__token__subcmd__key__subcmd__help,retire)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__retire"
                ;;
            credctl__subcmd__token__subcmd__key__subcmd__help,rotate)
                cmd="credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__rotate"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        credctl)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version create verify revoke list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__create)
            opts="-h -V --scope --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__help)
            opts="create verify revoke list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__help__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__help__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__list)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__revoke)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__apikey__subcmd__verify)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version log verify sign export verify-export help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__export)
            opts="-h -V --since --format --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__help)
            opts="log verify sign export verify-export help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__help__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__help__subcmd__sign)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__help__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__help__subcmd__verify__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__log)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__sign)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__verify)
            opts="-h -V --ca --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ca)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__audit__subcmd__verify__subcmd__export)
            opts="-h -V --ca --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ca)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__backup)
            opts="-h -V --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__bundle)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version import help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__bundle__subcmd__help)
            opts="import help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__bundle__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__bundle__subcmd__help__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__bundle__subcmd__import)
            opts="-h -V --key --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version show profiles settings export add-identity renew custodians remove-custodian split passwd help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__add__subcmd__identity)
            opts="-h -V --out --recipient --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --recipient)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__custodians)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__export)
            opts="-h -V --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help)
            opts="show profiles settings export add-identity renew custodians remove-custodian split passwd help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__add__subcmd__identity)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__custodians)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__passwd)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__profiles)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__remove__subcmd__custodian)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__renew)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__settings)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__help__subcmd__split)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__passwd)
            opts="-h -V --new-passphrase-file --scrypt-log-n --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --new-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scrypt-log-n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__profiles)
            opts="-h -V --set --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --set)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__remove__subcmd__custodian)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__renew)
            opts="-h -V --root --intermediate --finish --new-key --days --intermediate-days --force --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intermediate-days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__settings)
            opts="-h -V --crl-days --crl-url --no-crl-url --ca-issuers-url --no-ca-issuers-url --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --crl-days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --crl-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-issuers-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__show)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__ca__subcmd__split)
            opts="-h -V --shares --threshold --to --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --threshold)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version issue sign export renew revoke list show verify help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__export)
            opts="-h -V --format --key --p12-passphrase-file --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "p12" -- "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --p12-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help)
            opts="issue sign export renew revoke list show verify help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__issue)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__renew)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__sign)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__help__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__issue)
            opts="-h -V --from --profile --dns --ip --email --days --hours --key-type --subject --bind-mac --force --p12 --p12-passphrase-file --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hours)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key-type)
                    COMPREPLY=($(compgen -W "ecdsa-p256 ecdsa-p384 ed25519 rsa-3072" -- "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bind-mac)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --p12-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__list)
            opts="-h -V --expiring-within --revoked --profile --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --expiring-within)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__renew)
            opts="-h -V --days --hours --reuse-key --revoke-old --key-type --p12 --p12-passphrase-file --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hours)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key-type)
                    COMPREPLY=($(compgen -W "ecdsa-p256 ecdsa-p384 ed25519 rsa-3072" -- "${cur}"))
                    return 0
                    ;;
                --p12-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__revoke)
            opts="-h -V --reason --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --reason)
                    COMPREPLY=($(compgen -W "unspecified key-compromise ca-compromise affiliation-changed superseded cessation-of-operation privilege-withdrawn" -- "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__show)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__sign)
            opts="-h -V --profile --name --dns --ip --email --days --hours --subject --force --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hours)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__cert__subcmd__verify)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__crl)
            opts="-h -V --days --out --root-out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root-out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version add remove list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev__subcmd__add)
            opts="-h -V --key-type --from --email --subject --account --allow-pub --allow-sub --deny-pub --deny-sub --connection-type --days --hours --replace-bundle --recipient --service --p12 --p12-passphrase-file --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --key-type)
                    COMPREPLY=($(compgen -W "ecdsa-p256 ecdsa-p384 ed25519 rsa-3072" -- "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-pub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deny-pub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deny-sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connection-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hours)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --recipient)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --p12-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev__subcmd__help)
            opts="add remove list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev__subcmd__help__subcmd__remove)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev__subcmd__list)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__dev__subcmd__remove)
            opts="-h -V --reason --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --reason)
                    COMPREPLY=($(compgen -W "unspecified key-compromise ca-compromise affiliation-changed superseded cessation-of-operation privilege-withdrawn" -- "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__edge)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version add remove help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__edge__subcmd__add)
            opts="-h -V --key-type --hub-url --account --dns --subject --listen --deploy-dir --force --p12 --p12-passphrase-file --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --key-type)
                    COMPREPLY=($(compgen -W "ecdsa-p256 ecdsa-p384 ed25519 rsa-3072" -- "${cur}"))
                    return 0
                    ;;
                --hub-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --listen)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deploy-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --p12-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__edge__subcmd__help)
            opts="add remove help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__edge__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__edge__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__edge__subcmd__help__subcmd__remove)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__edge__subcmd__remove)
            opts="-h -V --reason --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --reason)
                    COMPREPLY=($(compgen -W "unspecified key-compromise ca-compromise affiliation-changed superseded cessation-of-operation privilege-withdrawn" -- "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__export)
            opts="-h -V --for-online --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help)
            opts="init import ca audit cert crl hub dev edge nats rotate status token apikey passwd request bundle export verify-online backup restore help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__apikey)
            opts="create verify revoke list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__apikey__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__apikey__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__apikey__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__apikey__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__audit)
            opts="log verify sign export verify-export"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__audit__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__audit__subcmd__sign)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__audit__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__audit__subcmd__verify__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__backup)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__bundle)
            opts="import"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__bundle__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca)
            opts="show profiles settings export add-identity renew custodians remove-custodian split passwd"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__add__subcmd__identity)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__custodians)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__passwd)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__profiles)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__remove__subcmd__custodian)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__renew)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__settings)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__ca__subcmd__split)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert)
            opts="issue sign export renew revoke list show verify"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert__subcmd__issue)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert__subcmd__renew)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert__subcmd__sign)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__cert__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__crl)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__dev)
            opts="add remove list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__dev__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__dev__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__dev__subcmd__remove)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__edge)
            opts="add remove"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__edge__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__edge__subcmd__remove)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__hub)
            opts="init render account-limits import reload jetstream-key"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__hub__subcmd__account__subcmd__limits)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__hub__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__hub__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__hub__subcmd__jetstream__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__hub__subcmd__reload)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__hub__subcmd__render)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__import)
            opts="easy-rsa nsc"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__import__subcmd__easy__subcmd__rsa)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__import__subcmd__nsc)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats)
            opts="init operator account user resolver export push describe"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account)
            opts="add rotate-signing-key revoke export import signing-key"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export)
            opts="add rm list activate revoke-activation"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__activate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__revoke__subcmd__activation)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__export__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import)
            opts="add rm list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__import__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__rotate__subcmd__signing__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key)
            opts="add edit rm rotate list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__edit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__describe)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__operator)
            opts="signing-key"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__operator__subcmd__signing__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__resolver)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__user)
            opts="add revoke"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__user__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__nats__subcmd__user__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__passwd)
            opts="hash"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__passwd__subcmd__hash)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__request)
            opts="create"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__request__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__restore)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__rotate)
            opts="passwords certs nats-users"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__rotate__subcmd__certs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__rotate__subcmd__nats__subcmd__users)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__rotate__subcmd__passwords)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token)
            opts="key mint verify register redeem jwks"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__jwks)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__key)
            opts="add rotate retire list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__key__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__key__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__key__subcmd__retire)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__key__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__mint)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__redeem)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__register)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__token__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__help__subcmd__verify__subcmd__online)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version init render account-limits import reload jetstream-key help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__account__subcmd__limits)
            opts="-h -V --max-connections --max-subscriptions --max-payload --max-leafnodes --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --max-connections)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-subscriptions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-payload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-leafnodes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__help)
            opts="init render account-limits import reload jetstream-key help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__help__subcmd__account__subcmd__limits)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__help__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__help__subcmd__jetstream__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__help__subcmd__reload)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__help__subcmd__render)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__import)
            opts="-h -V --from --account --dry-run --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__init)
            opts="-h -V --key-type --name --dns --subject --ip --tls-mode --listen --port --leaf-port --cluster-port --cluster-of --jetstream --deploy-dir --monitor-port --monitor-host --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --key-type)
                    COMPREPLY=($(compgen -W "ecdsa-p256 ecdsa-p384 ed25519 rsa-3072" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-mode)
                    COMPREPLY=($(compgen -W "password verify-and-map pinned" -- "${cur}"))
                    return 0
                    ;;
                --listen)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --leaf-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cluster-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cluster-of)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deploy-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --monitor-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --monitor-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__jetstream__subcmd__key)
            opts="-h -V --hub --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --hub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__reload)
            opts="-h -V --hub --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --hub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__hub__subcmd__render)
            opts="-h -V --out --hub --templates --record --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --templates)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__import)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version easy-rsa nsc help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__import__subcmd__easy__subcmd__rsa)
            opts="-h -V --dry-run --import-key-passphrase-file --scrypt-log-n --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --import-key-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scrypt-log-n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__import__subcmd__help)
            opts="easy-rsa nsc help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__import__subcmd__help__subcmd__easy__subcmd__rsa)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__import__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__import__subcmd__help__subcmd__nsc)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__import__subcmd__nsc)
            opts="-h -V --keys --dry-run --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__init)
            opts="-h -V --name --import-ca --import-key --import-key-passphrase-file --dry-run --key-type --days --intermediate --intermediate-days --scrypt-log-n --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --import-ca)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --import-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --import-key-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key-type)
                    COMPREPLY=($(compgen -W "ecdsa-p256 ecdsa-p384 ed25519 rsa-3072" -- "${cur}"))
                    return 0
                    ;;
                --days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --intermediate-days)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scrypt-log-n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version init operator account user resolver export push describe help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version add rotate-signing-key revoke export import signing-key help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__add)
            opts="-h -V --max-conn --max-leaf --max-subs --max-payload --max-data --jetstream --js-mem-storage --js-disk-storage --js-streams --js-consumers --signing-key --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --max-conn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-leaf)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-subs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-payload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --js-mem-storage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --js-disk-storage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --js-streams)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --js-consumers)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version add rm list activate revoke-activation help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__activate)
            opts="-h -V --account --subject --for --expires --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --for)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__add)
            opts="-h -V --account --subject --service --stream --private --name --response-type --response-threshold --advertise --description --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --response-type)
                    COMPREPLY=($(compgen -W "singleton stream chunked" -- "${cur}"))
                    return 0
                    ;;
                --response-threshold)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --description)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help)
            opts="add rm list activate revoke-activation help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__activate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__revoke__subcmd__activation)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__list)
            opts="-h -V --account --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__revoke__subcmd__activation)
            opts="-h -V --account --subject --for --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --for)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__export__subcmd__rm)
            opts="-h -V --account --subject --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help)
            opts="add rotate-signing-key revoke export import signing-key help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export)
            opts="add rm list activate revoke-activation"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__activate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__revoke__subcmd__activation)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__export__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import)
            opts="add rm list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__import__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__rotate__subcmd__signing__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key)
            opts="add edit rm rotate list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__edit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__help__subcmd__signing__subcmd__key__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version add rm list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__add)
            opts="-h -V --account --subject --service --stream --from-account --token --local-subject --name --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from-account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --local-subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help)
            opts="add rm list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__list)
            opts="-h -V --account --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__import__subcmd__rm)
            opts="-h -V --account --subject --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subject)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__revoke)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__rotate__subcmd__signing__subcmd__key)
            opts="-h -V --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version add edit rm rotate list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__add)
            opts="-h -V --account --role --description --allow-pub --allow-sub --deny-pub --deny-sub --connection-type --max-subs --max-data --max-payload --src --time --locale --allow-pub-response --response-ttl --bearer --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --role)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --description)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-pub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deny-pub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deny-sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connection-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-subs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-payload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --src)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --locale)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-pub-response)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --response-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__edit)
            opts="-h -V --account --role --description --allow-pub --allow-sub --deny-pub --deny-sub --connection-type --max-subs --max-data --max-payload --src --time --locale --allow-pub-response --response-ttl --bearer --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --role)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --description)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-pub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deny-pub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deny-sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connection-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-subs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-payload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --src)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --locale)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-pub-response)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --response-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help)
            opts="add edit rm rotate list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__edit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__help__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__list)
            opts="-h -V --account --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__rm)
            opts="-h -V --account --role --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --role)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__account__subcmd__signing__subcmd__key__subcmd__rotate)
            opts="-h -V --account --role --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --role)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__describe)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__export)
            opts="-h -V --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help)
            opts="init operator account user resolver export push describe help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account)
            opts="add rotate-signing-key revoke export import signing-key"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export)
            opts="add rm list activate revoke-activation"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__activate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__revoke__subcmd__activation)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__export__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import)
            opts="add rm list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__import__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__rotate__subcmd__signing__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key)
            opts="add edit rm rotate list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__edit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__rm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__account__subcmd__signing__subcmd__key__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__describe)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__export)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__operator)
            opts="signing-key"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__operator__subcmd__signing__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__resolver)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__user)
            opts="add revoke"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__user__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__help__subcmd__user__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__init)
            opts="-h -V --operator --sys-creds --account-server-url --service-url --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --operator)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sys-creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-server-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__operator)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version signing-key help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__operator__subcmd__help)
            opts="signing-key help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__operator__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__operator__subcmd__help__subcmd__signing__subcmd__key)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__operator__subcmd__signing__subcmd__key)
            opts="-h -V --jwt-out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --jwt-out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__push)
            opts="-h -V --server --creds --from --ca --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --server)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__resolver)
            opts="-h -V --out --full --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --full)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__user)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version add revoke help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__user__subcmd__add)
            opts="-h -V --from --account --role --allow-pub --allow-sub --deny-pub --deny-sub --connection-type --max-subs --max-data --max-payload --src --time --locale --allow-pub-response --response-ttl --bearer --tag --expires --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --role)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-pub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deny-pub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deny-sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connection-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-subs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-payload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --src)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --locale)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allow-pub-response)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --response-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__user__subcmd__help)
            opts="add revoke help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__user__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__user__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__user__subcmd__help__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__nats__subcmd__user__subcmd__revoke)
            opts="-h -V --account --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__passwd)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version hash help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__passwd__subcmd__hash)
            opts="-h -V --algo --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --algo)
                    COMPREPLY=($(compgen -W "bcrypt argon2id" -- "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__passwd__subcmd__help)
            opts="hash help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__passwd__subcmd__help__subcmd__hash)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__passwd__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__request)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version create help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__request__subcmd__create)
            opts="-h -V --profile --dns --ip --email --key-type --out --key --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --email)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key-type)
                    COMPREPLY=($(compgen -W "ecdsa-p256 ecdsa-p384 ed25519 rsa-3072" -- "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__request__subcmd__help)
            opts="create help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__request__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__request__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__restore)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version passwords certs nats-users help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate__subcmd__certs)
            opts="-h -V --expiring-within --profile --reuse-key --dry-run --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --expiring-within)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate__subcmd__help)
            opts="passwords certs nats-users help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate__subcmd__help__subcmd__certs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate__subcmd__help__subcmd__nats__subcmd__users)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate__subcmd__help__subcmd__passwords)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate__subcmd__nats__subcmd__users)
            opts="-h -V --expiring-within --dry-run --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --expiring-within)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__rotate__subcmd__passwords)
            opts="-h -V --older-than --kind --dry-run --chunk-size --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --older-than)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kind)
                    COMPREPLY=($(compgen -W "dev edge route system service" -- "${cur}"))
                    return 0
                    ;;
                --chunk-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__status)
            opts="-h -V --within --ca-within --password-max-age --format --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --within)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-within)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password-max-age)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json prometheus" -- "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version key mint verify register redeem jwks help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help)
            opts="key mint verify register redeem jwks help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__jwks)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__key)
            opts="add rotate retire list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__key__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__key__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__key__subcmd__retire)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__key__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__mint)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__redeem)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__register)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__help__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__jwks)
            opts="-h -V --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version add rotate retire list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__add)
            opts="-h -V --alg --tenant --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --alg)
                    COMPREPLY=($(compgen -W "HS256 RS256 EdDSA" -- "${cur}"))
                    return 0
                    ;;
                --tenant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__help)
            opts="add rotate retire list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__add)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__retire)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__help__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__list)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__retire)
            opts="-h -V --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__key__subcmd__rotate)
            opts="-h -V --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__mint)
            opts="-h -V --key --kind --sub --count --from --aud --ttl --tunnel --out --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kind)
                    COMPREPLY=($(compgen -W "ephemeral recreate management" -- "${cur}"))
                    return 0
                    ;;
                --sub)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tunnel)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__redeem)
            opts="-h -V --tenant --mac --skew --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tenant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__register)
            opts="-h -V --node --tenant --ttl --mac --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --node)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tenant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mac)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__token__subcmd__verify)
            opts="-h -V --aud --kind --skew --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --aud)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kind)
                    COMPREPLY=($(compgen -W "ephemeral recreate management" -- "${cur}"))
                    return 0
                    ;;
                --skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        credctl__subcmd__verify__subcmd__online)
            opts="-h -V --ca --store --json --passphrase-file --identity --shares-from --share-identity --lock-timeout --ca-fingerprint --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ca)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --store)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shares-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-fingerprint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _credctl -o nosort -o bashdefault -o default credctl
else
    complete -F _credctl -o bashdefault -o default credctl
fi
